package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.server.HttpApiClient;
import io.mqpool.server.ServerProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pool and a server leave nothing in the temporary directory once they stop: every
 * {@code mqpool-*} entry they made there (the pool's temporary data directory, the workers'
 * current-task files) is gone.
 *
 * <p>How it looks: each process under test, and each of its worker JVMs, is given a private
 * {@code java.io.tmpdir} (a {@link TempDir} of this test, empty when it starts), and the test
 * asserts it is empty again once the process has exited. The machine's own temporary directory
 * is shared with whatever else runs meanwhile (other tests, other programs), so a listing of it
 * before and after could not tell their entries from ours; a private one can. So the pool runs in
 * a program of its own ({@link UnclosedPoolProgram}), not in this JVM, whose temporary directory
 * is the shared one. The server is stopped with SIGTERM, as an operator or a service manager does,
 * and once killed with SIGKILL: then what it made lives in its data directory, and the next start
 * on it takes it over.
 */
class NothingLeftBehindIT {

    /** Generous: what is checked is what stays behind, not how fast, and the machine may be busy. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(180);

    @ParameterizedTest(name = "a pool ended with {0}")
    @ValueSource(strings = {"close", "terminate", "forget"})
    void aPoolLeavesNothingInTheTemporaryDirectoryHoweverItEnds(String ending, @TempDir Path temp,
                                                                @TempDir Path output)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Djava.io.tmpdir=" + temp, "-cp",
                ManagementFactory.getRuntimeMXBean().getClassPath(), UnclosedPoolProgram.class.getName(), ending)
                .redirectOutput(output.resolve("out").toFile()).redirectError(output.resolve("err").toFile());
        builder.environment().put("MQPOOL_WORKER_JVM_OPTIONS", "-XX:+UseSerialGC -Djava.io.tmpdir=" + temp);
        builder.environment().put("MQPOOL_WORKER_START_TIMEOUT", "120s");
        Process program = builder.start();
        try {
            assertTrue(program.waitFor(EXIT_BOUND.toMillis(), TimeUnit.MILLISECONDS),
                    "the program still runs after " + EXIT_BOUND);
            String out = Files.readString(output.resolve("out"));
            assertEquals(0, program.exitValue(), out + Files.readString(output.resolve("err")));
            assertTrue(out.contains("data dir " + temp.resolve("mqpool-")), "its data dir was a temporary one: " + out);
            assertEquals(List.of(), entries(temp), "left in the temporary directory");
        } finally {
            program.destroyForcibly();
            program.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServerStoppedWithSigtermLeavesNothingInTheTemporaryDirectory(@TempDir Path temp, @TempDir Path data) {
        try (ServerProcess server = ServerProcess.startInTemp(temp, data, 2)) {
            HttpApiClient api = new HttpApiClient(server.url());
            // A failing task, a timed-out one (its worker is killed and replaced) and two that succeed.
            String job = api.submitForId("{\"task\": \"sleep_millis\", \"args\": [50, -1, 30000, 60], "
                    + "\"chunksize\": 1, \"taskTimeout\": \"2s\"}");
            api.awaitState(job, "FAILED", Duration.ofSeconds(60));
            assertTrue(Files.isDirectory(data.resolve("current-tasks")), "the workers' files are in the data dir");

            assertEquals(0, server.stop(), server.stderr());
            assertEquals(List.of(), server.survivors(), "worker processes outlived the server");
        }
        assertEquals(List.of(), entries(temp), "left in the temporary directory");
        assertFalse(Files.exists(data.resolve("current-tasks")), "the workers' files outlived the server");
    }

    @Test
    void aServerKilledHardLeavesNothingInTheTemporaryDirectoryAndTheNextStartTakesOverItsFiles(
            @TempDir Path temp, @TempDir Path data) {
        try (ServerProcess first = ServerProcess.startInTemp(temp, data, 2)) {
            assertTrue(Files.isDirectory(data.resolve("current-tasks")));
            Set<Long> workers = first.workerPids();
            ProcessHandle.of(first.pid()).ifPresent(ProcessHandle::destroyForcibly);
            first.awaitExit(Duration.ofSeconds(20));
            // A worker exits when its supervisor's pipe closes; only then is the directory as it stays.
            Awaitility.await("the killed server's workers exit").atMost(Duration.ofSeconds(20))
                    .until(() -> workers.stream().noneMatch(pid -> ProcessHandle.of(pid)
                            .map(ProcessHandle::isAlive).orElse(false)));
        }
        assertEquals(List.of(), entries(temp), "left in the temporary directory by a kill -9");
        assertFalse(entries(data.resolve("current-tasks")).isEmpty(), "the killed server's files stay in its data dir");

        try (ServerProcess second = ServerProcess.startInTemp(temp, data, 2)) {
            assertEquals(0, second.stop(), second.stderr());
        }
        assertEquals(List.of(), entries(temp), "left in the temporary directory");
        assertFalse(Files.exists(data.resolve("current-tasks")), "the files of both servers are gone");
    }

    private static List<String> entries(Path dir) {
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + dir, e);
        }
    }
}
