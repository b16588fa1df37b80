package io.mqpool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedStateException;
import io.mqpool.jobs.builtin.AddSquareToSum;
import io.mqpool.jobs.builtin.SquareIntoArray;
import io.mqpool.supervisor.WorkerView;
import io.mqpool.testtasks.CountIntoElement;
import io.mqpool.testtasks.CountOnceAndPlain;
import io.mqpool.testtasks.CountThenDie;
import io.mqpool.testtasks.CountUp;
import io.mqpool.testtasks.RecordSquare;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared counters and arrays across worker processes, through the real broker, H2 and worker
 * JVMs: the seed's {@code Value} and {@code Array} examples, atomic increments, updates of
 * tasks whose worker died, bad input, and a restart.
 */
class SharedStateIT {

    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = Pool.create(4);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    @Test
    void theSeedsTasksAddTheirSquaresToASharedSum() {
        SharedCounter sum = pool.counter("sum");
        sum.set(0);

        assertEquals(List.of(1L, 4L, 9L, 16L), pool.map(AddSquareToSum.class, List.of(1, 2, 3, 4)));

        assertEquals(30, sum.get());
    }

    @Test
    void theSeedsTasksWriteTheirSquaresIntoASharedArrayAndASharedSum() {
        pool.counter("total").set(0);

        pool.map(SquareIntoArray.class, List.of(1, 2, 3, 4));

        assertEquals(30, pool.counter("total").get());
        assertArrayEquals(new long[] {0, 1, 4, 9, 16, 0, 0, 0, 0, 0}, pool.array("squares", 10).snapshot());
        assertEquals(16, pool.array("squares", 10).get(4));
    }

    @Test
    void elementsAddedToFromTasksOnFourWorkersAreNeverLost() {
        pool.map(CountIntoElement.class, IntStream.range(0, 2_000).boxed().toList(),
                JobOptions.defaults().withChunksize(20));

        long[] histogram = pool.array("histogram", 10).snapshot();
        assertArrayEquals(IntStream.range(0, 10).mapToLong(i -> 200).toArray(), histogram);
    }

    @Test
    void anArrayOfAnotherSizeABadSizeAndAnIndexOutsideAreRefusedInOneLine() {
        SharedArray array = pool.array("fixed", 3);
        array.set(2, 7);
        SharedStateException resized = assertThrows(SharedStateException.class,
                () -> pool.array("fixed", 5).get(0));
        assertEquals("the shared array 'fixed' has size 3, not 5", resized.getMessage());
        IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class, () -> array.get(3));
        assertEquals("index 3 is outside the shared array 'fixed' of size 3", outside.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> pool.array("e", 0));
        assertEquals("the shared array 'e' needs a size from 1 to 100000, not 0", empty.getMessage());
        assertArrayEquals(new long[] {0, 0, 7}, array.snapshot());
    }

    @Test
    void incrementsFromTasksOnFourWorkersAreNeverLost() {
        int tasks = 20_000;
        List<Long> seen = pool.map(CountUp.class, Collections.nCopies(tasks, "increments"),
                JobOptions.defaults().withChunksize(50));

        assertEquals(tasks, pool.counter("increments").get());
        // Each increment saw a value of its own: no two tasks read and wrote the same one.
        assertEquals(tasks, seen.stream().distinct().count());
    }

    @Test
    void anUpdateByATaskWhoseWorkerDiedStaysMadeUnlessItIsKeyedByTheTask() {
        List<List<?>> plain = IntStream.range(0, 200).<List<?>>mapToObj(n -> List.of(n, false)).toList();
        JobOptions oneByOne = JobOptions.defaults().withChunksize(1);
        pool.counter("counted").set(0);
        pool.starmap(CountThenDie.class, plain, oneByOne);
        // Tasks 0, 25, …, 175 ran twice: their first run counted and then killed its worker.
        assertEquals(200 + 8, pool.counter("counted").get());

        List<List<?>> keyed = IntStream.range(0, 200).<List<?>>mapToObj(n -> List.of(n, true)).toList();
        pool.counter("counted").set(0);
        pool.starmap(CountThenDie.class, keyed, oneByOne);
        assertEquals(200, pool.counter("counted").get());
    }

    @Test
    void addOnceSumsToExactlyTheTaskCountWhileWorkersAreKilledWithKill9() throws Exception {
        pool.counter("once").set(0);
        pool.counter("plain").set(0);
        AsyncResult<List<Integer>> job = pool.mapAsync(CountOnceAndPlain.class, IntStream.range(0, 1_000).boxed().toList(),
                JobOptions.defaults().withChunksize(5).withRetries(5));
        Set<Long> killed = new HashSet<>();
        for (int kill = 1; kill <= 3; kill++) {
            long due = kill * 250L;
            Optional<Long> victim = await().atMost(Duration.ofSeconds(60))
                    .until(() -> job.ready() || pool.counter("once").get() >= due ? busyWorkerOtherThan(killed)
                            : Optional.<Long>empty(), found -> found.isPresent() || job.ready());
            if (victim.isEmpty()) {
                break;
            }
            killed.add(victim.get());
            ProcessHandle.of(victim.get()).ifPresent(ProcessHandle::destroyForcibly);
        }

        assertEquals(IntStream.range(0, 1_000).boxed().toList(), job.get(120, TimeUnit.SECONDS));
        assertTrue(killed.size() >= 2, "workers killed: " + killed);
        assertEquals(1_000, pool.counter("once").get());
        // The unkeyed count shows that tasks did run again: their first run's update stayed made.
        assertTrue(pool.counter("plain").get() > 1_000, "plain: " + pool.counter("plain").get());
    }

    private static Optional<Long> busyWorkerOtherThan(Set<Long> killed) {
        return pool.engine().workers().stream()
                .filter(w -> w.activity().equals("busy") && !killed.contains(w.pid()))
                .map(WorkerView::pid)
                .findFirst();
    }

    @Test
    void compareAndSetAndAddOnceAnswerWhetherTheyChangedTheCounter() {
        SharedCounter counter = pool.counter("cas");
        counter.set(5);
        assertFalse(counter.compareAndSet(4, 10));
        assertTrue(counter.compareAndSet(5, 10));
        assertEquals(13, counter.addOnce("k", 3));
        assertEquals(13, counter.addOnce("k", 3));
        assertEquals(12, counter.addAndGet(-1));
    }

    @Test
    void aBadNameIsRefusedInOneLine() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> pool.counter(" "));
        assertEquals("shared state needs a name, such as \"sum\"", blank.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> pool.counter("x".repeat(201)));
        assertTrue(tooLong.getMessage().endsWith("is 201 characters long; at most 200 are allowed"),
                tooLong.getMessage());
    }

    @Test
    void aCounterSurvivesARestartOnTheSameDataDirectory(@TempDir Path dir) {
        try (Pool first = Pool.builder().workers(1).dataDir(dir).build()) {
            first.map(CountUp.class, List.of("kept", "kept", "kept"));
        }
        try (Pool second = Pool.builder().workers(1).dataDir(dir).build()) {
            assertEquals(3, second.counter("kept").get());
        }
    }

    @Test
    void theSeedsManagerListAndDictCollectWhatTasksOnFourWorkersPutThere() {
        pool.map(RecordSquare.class, IntStream.rangeClosed(1, 5).mapToObj(n -> new RecordSquare.Args("squares", n)).toList(),
                JobOptions.defaults().withChunksize(1));

        List<Object> squares = new ArrayList<>(pool.list("squares").snapshot());
        squares.sort(Comparator.comparingInt(o -> (Integer) o));
        assertEquals(List.of(1, 4, 9, 16, 25), squares);
        assertEquals(Map.of("1", 1, "2", 4, "3", 9, "4", 16, "5", 25), pool.map("squares").snapshot());
        assertEquals(Optional.of(16L), pool.map("squares").get("4", Long.class));
        assertEquals(Optional.empty(), pool.map("squares").get("6", Long.class));
    }

    @Test
    void appendsFromFourWorkersAllLandEachInItsOwnPlace() {
        pool.map(RecordSquare.class, IntStream.range(0, 400).mapToObj(n -> new RecordSquare.Args("many", n)).toList(),
                JobOptions.defaults().withChunksize(10));

        List<Object> items = pool.list("many").snapshot();
        assertEquals(400, pool.list("many").size());
        assertEquals(IntStream.range(0, 400).mapToObj(n -> n * n).collect(Collectors.toSet()),
                new HashSet<>(items));
        assertEquals(400, items.size());
    }

    @Test
    void aMapTakesJsonValuesAndRefusesWhatIsNotJsonOrTooLongInOneLine() {
        var settings = pool.map("settings");
        settings.put("limits", Map.of("cpu", 2, "tags", List.of("a", "b")));
        assertTrue(settings.putIfAbsent("mode", "fast"));
        assertFalse(settings.putIfAbsent("mode", "slow"));
        assertEquals(Optional.of("fast"), settings.get("mode", String.class));
        assertEquals(Map.of("limits", Map.of("cpu", 2, "tags", List.of("a", "b")), "mode", "fast"),
                settings.snapshot());
        assertTrue(settings.remove("mode"));
        assertFalse(settings.remove("mode"));

        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> settings.put("thing", new Object()));
        assertTrue(notJson.getMessage().startsWith("a java.lang.Object cannot be shared in 'settings' as JSON"),
                notJson.getMessage());
        IllegalArgumentException longKey = assertThrows(IllegalArgumentException.class,
                () -> settings.put("k".repeat(201), 1));
        assertEquals("a key of the shared map 'settings' needs 1 to 200 characters, not 201", longKey.getMessage());
        SharedStateException outside = assertThrows(SharedStateException.class,
                () -> pool.list("empty-list").get(3, Long.class));
        assertEquals("index 3 is outside the shared list 'empty-list' of size 0", outside.getMessage());
    }
}
