package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mqpool.engine.EngineStartException;
import io.mqpool.jobs.TaskJson;
import io.mqpool.jobs.UnknownTaskException;
import io.mqpool.jobs.builtin.ComputeCube;
import io.mqpool.jobs.builtin.ComputePower;
import io.mqpool.jobs.builtin.Echo;
import io.mqpool.testtasks.NotRegistered;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a one-line error and nothing is stored; a worker that cannot start fails fast. */
class PoolBadInputIT {

    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = Pool.create(1);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    @Test
    void aTaskClassThatIsNotRegisteredIsRefusedAndNothingIsStored() {
        long before = pool.engine().jobs().jobCount();
        UnknownTaskException error = assertThrows(UnknownTaskException.class,
                () -> pool.map(NotRegistered.class, List.of(1)));
        assertTrue(error.getMessage().contains(NotRegistered.class.getName()), error.getMessage());
        assertOneLine(error.getMessage());
        assertEquals(before, pool.engine().jobs().jobCount());
    }

    @Test
    void aTupleThatDoesNotFitTheTaskIsRefusedAndNothingIsStored() {
        long before = pool.engine().jobs().jobCount();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> pool.starmap(ComputePower.class, List.of(List.of(2, 3), List.of("three", 2))));
        assertTrue(error.getMessage().startsWith("tuple 1: "), error.getMessage());
        assertTrue(error.getMessage().contains("compute_power"), error.getMessage());
        assertOneLine(error.getMessage());
        assertEquals(before, pool.engine().jobs().jobCount());
    }

    @Test
    void anArgumentOverTheSizeLimitIsRefusedAndNothingIsStored() {
        long before = pool.engine().jobs().jobCount();
        JsonNode huge = TextNode.valueOf("x".repeat(TaskJson.MAX_VALUE_CHARS));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> pool.map(Echo.class, List.of(huge)));
        assertTrue(error.getMessage().contains("over the limit of " + TaskJson.MAX_VALUE_CHARS + " per argument"),
                error.getMessage());
        assertEquals(before, pool.engine().jobs().jobCount());
    }

    @Test
    void aSecondPoolOnADataDirectoryInUseIsRefusedNamingThePid(@TempDir Path dir) {
        try (Pool first = Pool.builder().workers(1).dataDir(dir).build()) {
            EngineStartException error = assertThrows(EngineStartException.class,
                    () -> Pool.builder().workers(1).dataDir(dir).build());
            assertEquals("the data directory " + dir + " is in use by another mqpool engine (pid "
                    + ProcessHandle.current().pid() + ")", error.getMessage());
            assertEquals(List.of(1L, 8L), first.map(ComputeCube.class, List.of(1, 2)), "the first pool still works");
        }
    }

    @Test
    void chunksizeBelowOneIsRefused() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> pool.map(ComputeCube.class, List.of(1), JobOptions.defaults().withChunksize(0)));
        assertEquals("chunksize must be at least 1, got 0", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JobOptions.defaults().withChunksize(-3));
        assertThrows(IllegalArgumentException.class, () -> JobOptions.defaults().withRetries(-1));
        assertThrows(IllegalArgumentException.class, () -> JobOptions.defaults().withTaskTimeout(Duration.ZERO));
    }

    @Test
    void aBadWorkerJvmOptionFailsThePoolWithTheWorkersErrorWithinSeconds() {
        long start = System.nanoTime();
        EngineStartException error = assertThrows(EngineStartException.class,
                () -> Pool.builder().workers(1).workerJvmOptions(List.of("-XX:+NoSuchOption")).build());
        assertTrue(error.getMessage().contains("NoSuchOption"), error.getMessage());
        assertFastEnough(start);
    }

    @Test
    void aMissingJavaExecutableFailsThePoolWithinSeconds() {
        long start = System.nanoTime();
        EngineStartException error = assertThrows(EngineStartException.class,
                () -> Pool.builder().workers(1).workerJava(Path.of("/no/such/java")).build());
        assertTrue(error.getMessage().contains("/no/such/java"), error.getMessage());
        assertFastEnough(start);
    }

    private static void assertOneLine(String message) {
        assertTrue(!message.contains("\n"), "one line: " + message);
    }

    private static void assertFastEnough(long startNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
    }
}
