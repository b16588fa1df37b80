package io.mqpool.app.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.server.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands as a user runs them: the packaged jar in a subprocess against one real
 * {@code mqpool server} process (2 workers), asserting stdout, stderr and exit codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCommandsIT {

    private Path dir;
    private ServerProcess server;

    /** What one run of the CLI printed and returned. */
    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeAll
    void startServer(@TempDir Path tempDir) throws IOException {
        // One directory for the class: a @TempDir field is not yet set in a @BeforeAll.
        dir = tempDir;
        server = ServerProcess.start(Files.createDirectory(dir.resolve("data")), 2);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void submitWaitPrintsEveryResultInInputOrderWithProgressLinesOnStderr() {
        Run run = cli("submit", "compute_cube", "--range", "1..20", "--wait");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(IntStream.rangeClosed(1, 20).mapToObj(n -> Long.toString((long) n * n * n)).toList(),
                run.lines(), run.toString());
        assertTrue(run.err().startsWith("submitted job "), run.toString());
        assertTrue(run.err().contains("[####################]  20/20  100%"), run.toString());
        assertFalse(run.err().contains("\r"), "no carriage returns when stderr is not a terminal");
    }

    @Test
    void submitReadsOneArgumentPerLineFromAnInputFileWithTheGivenChunksize() throws IOException {
        Path input = Files.writeString(dir.resolve("cubes.jsonl"), "2\n\n3\n4\n5\n6\n7\n8\n");
        Run submitted = cli("submit", "compute_cube", "--input", input.toString(), "--chunksize", "3");
        assertEquals(0, submitted.exitCode(), submitted.toString());
        String id = submitted.out().strip();
        assertTrue(id.matches("\\S+"), submitted.toString());
        Run results = cli("results", id, "--follow");
        assertEquals(List.of("8", "27", "64", "125", "216", "343", "512"), results.lines(), results.toString());
        Run status = cli("status", id);
        assertTrue(status.out().contains("state     COMPLETED"), status.toString());
        assertTrue(status.out().contains("chunksize 3"), status.toString());
    }

    @Test
    void starBindsEachListToTheTasksArguments() {
        Run run = cli("submit", "compute_power", "--star", "[2,3]", "[3,4]", "[10,0]", "--wait");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("8", "81", "1"), run.lines());
    }

    @Test
    void unorderedPrintsResultsAsTheyFinish() {
        // Completion order needs both workers: wait out a replacement after an earlier cancel.
        await().atMost(Duration.ofSeconds(30)).until(() -> cli("workers").lines().stream()
                .filter(line -> line.contains(" idle ")).count() == 2);
        Run run = cli("submit", "sleep_millis", "1500", "50", "400", "--unordered", "--wait");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("50", "400", "1500"), run.lines(), run.toString());
    }

    @Test
    void aJobPastItsTimeoutExits4() {
        Run run = cli("submit", "long_running_task", "1", "1", "4", "4", "--chunksize", "1", "--timeout", "2s", "--wait");
        assertEquals(4, run.exitCode(), run.toString());
        assertTrue(run.err().contains("TIMED_OUT"), run.toString());
    }

    @Test
    void aFailedTaskIsOneLineOnStderrAndExit1() {
        Run run = cli("submit", "fail_on_purpose", "hello", "--wait");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("", run.out());
        assertTrue(run.err().contains("task 0 failed: java.lang.IllegalStateException: failed on purpose: hello\n"),
                run.toString());
        assertTrue(run.err().contains("mqpool: job ") && run.err().contains(": 1 of 1 tasks failed"), run.toString());
        assertFalse(run.err().contains("\tat "), run.toString());
    }

    @Test
    void statusJobsAndResultsFollowWatchARunningJobUntilItEnds() {
        // Three rounds of 3 s on two workers: still running after the next two commands, each a
        // JVM that may take a few seconds to start on a loaded machine.
        String id = cli("submit", "sleep_millis", "3000", "3000", "3000", "3000", "3000", "3000").out().strip();
        Run status = cli("status", id);
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().startsWith("job       " + id + "\ntask      sleep_millis (map"), status.toString());
        Run jobs = cli("jobs", "--state", "running");
        assertTrue(jobs.out().startsWith("ID "), jobs.toString());
        assertTrue(jobs.out().lines().anyMatch(l -> l.startsWith(id + "  ") && l.contains("RUNNING")), jobs.toString());

        Run follow = cli("results", id, "--follow");
        assertEquals(0, follow.exitCode(), follow.toString());
        assertEquals(List.of("3000", "3000", "3000", "3000", "3000", "3000"), follow.lines());
        assertTrue(follow.err().contains("job " + id + " [####################]  6/6  100%"), follow.toString());
        assertTrue(cli("status", id, "--json").out().contains("\"state\":\"COMPLETED\""));
        assertEquals(6, cli("results", id, "--json").lines().stream().filter(l -> l.startsWith("{\"index\":"))
                .count());
    }

    @Test
    void cancelStopsARunningJob() {
        String id = cli("submit", "sleep_millis", "1000", "1000", "1000", "1000", "1000", "1000", "1000", "1000")
                .out().strip();
        Run cancel = cli("cancel", id);
        assertEquals(0, cancel.exitCode(), cancel.toString());
        assertTrue(cancel.out().startsWith("cancelled job " + id + ": "), cancel.toString());
        assertTrue(cli("status", id).out().contains("state     CANCELLED"));
        Run follow = cli("results", id, "--follow");
        assertEquals(1, follow.exitCode(), follow.toString());
        assertTrue(follow.err().contains("mqpool: job " + id + " was cancelled: "), follow.toString());
    }

    @Test
    void jobsDeleteRefusesARunningJobAndDeletesFinishedOnes() {
        String running = cli("submit", "sleep_millis", "30000").out().strip();
        Run refused = cli("jobs", "delete", running);
        assertEquals(2, refused.exitCode(), refused.toString());
        assertEquals("mqpool: job " + running + " is still running; cancel it first: mqpool cancel " + running + "\n",
                refused.err(), refused.toString());
        assertEquals("", refused.out(), refused.toString());
        Run stillThere = cli("status", running);
        assertEquals(0, stillThere.exitCode(), stillThere.toString());
        assertTrue(stillThere.out().contains("state     RUNNING"), stillThere.toString());

        assertEquals(0, cli("cancel", running).exitCode());
        String done = cli("submit", "compute_cube", "2", "3", "--wait", "--progress", "none").err().lines()
                .filter(line -> line.startsWith("submitted job ")).findFirst().orElseThrow()
                .split(" ")[2].replace(":", "");
        Run deleted = cli("jobs", "delete", done, running, "nope");
        assertEquals(2, deleted.exitCode(), deleted.toString());
        assertEquals(List.of("deleted job " + done, "deleted job " + running), deleted.lines(), deleted.toString());
        assertEquals("mqpool: no job 'nope'\n", deleted.err(), deleted.toString());

        Run gone = cli("status", done);
        assertEquals(2, gone.exitCode(), gone.toString());
        assertEquals("mqpool: no job '" + done + "'\n", gone.err(), gone.toString());
        Run again = cli("jobs", "delete", done);
        assertEquals(2, again.exitCode(), again.toString());
        assertTrue(cli("jobs", "--limit", "1000").out().lines().noneMatch(line -> line.startsWith(done + " ")
                || line.startsWith(running + " ")));
    }

    @Test
    void submitTakesARetentionOfTheJobsOwnAndRefusesOneThatIsNotADuration() {
        Run bad = cli("submit", "compute_cube", "2", "--retention", "a week");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertEquals("mqpool: --retention: 'a week' is not a duration; use e.g. 500ms, 30s, 5m\n", bad.err(),
                bad.toString());
        String kept = cli("submit", "compute_cube", "2", "--retention", "30d").out().strip();
        assertEquals(0, cli("results", kept, "--follow").exitCode());
        Run status = cli("status", kept, "--json");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("\"retention\":\"720h\""), status.toString());
    }

    @Test
    void submitTakesAPriorityAndRefusesOneItDoesNotKnow() {
        Run bad = cli("submit", "compute_cube", "2", "--priority", "urgent");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertEquals("mqpool: --priority must be one of low, normal, high, got 'urgent'\n", bad.err(), bad.toString());
        String high = cli("submit", "compute_cube", "2", "--priority", "HIGH").out().strip();
        assertEquals(0, cli("results", high, "--follow").exitCode());
        Run json = cli("status", high, "--json");
        assertTrue(json.out().contains("\"priority\":\"high\""), json.toString());
        Run status = cli("status", high);
        assertTrue(status.out().contains("priority high"), status.toString());
    }

    @Test
    void workersAreListedAndScaled() {
        Run workers = cli("workers");
        assertEquals(0, workers.exitCode(), workers.toString());
        assertTrue(workers.out().startsWith("ID  "), workers.toString());
        assertTrue(workers.out().contains("PID") && workers.out().contains("RESTARTS"), workers.toString());
        Run scaled = cli("workers", "scale", "3");
        assertEquals(0, scaled.exitCode(), scaled.toString());
        assertTrue(scaled.out().startsWith("scaling to 3 workers\n"), scaled.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> cli("workers").lines().stream().skip(1)
                .filter(l -> !l.contains("draining")).count() == 3);
        assertEquals(0, cli("workers", "scale", "2").exitCode());
        await().atMost(Duration.ofSeconds(30)).until(() -> cli("workers").lines().size() == 3);
    }

    @Test
    void stateListsTheCountersTasksShare() {
        Run submit = cli("submit", "add_square_to_sum", "1", "2", "3", "4", "--wait");
        assertEquals(0, submit.exitCode(), submit.toString());
        Run state = cli("state");
        assertEquals(0, state.exitCode(), state.toString());
        assertTrue(state.out().startsWith("NAME  "), state.toString());
        assertTrue(state.lines().stream().anyMatch(line -> line.matches("sum +counter +30 +.*")), state.toString());
        assertEquals(0, cli("state", "sum", "--delete").exitCode());
        assertTrue(cli("state").lines().stream().noneMatch(line -> line.startsWith("sum ")));
    }

    @Test
    void stateShowsALocksHolderAndReleasesItByForce() {
        String id = cli("submit", "hold_lock", "[\"printer\", 15000]", "--retries", "0").out().trim();
        await().atMost(Duration.ofSeconds(30)).until(() -> cli("state").lines().stream()
                .anyMatch(line -> line.matches("printer +lock +held by w\\d+ \\(fence \\d+\\).*")));

        Run shown = cli("state", "printer", "--kind", "lock");
        assertEquals(0, shown.exitCode(), shown.toString());
        assertTrue(shown.out().contains("\"holders\":[{\"worker\":\"w"), shown.toString());
        Run released = cli("state", "printer", "--release");
        assertEquals(0, released.exitCode(), released.toString());
        assertEquals(List.of("released 1 hold(s) of 'printer'"), released.lines());
        assertTrue(cli("state").lines().stream().anyMatch(line -> line.matches("printer +lock +free \\(fence \\d+\\).*")));
        Run misuse = cli("state", "--release");
        assertEquals(2, misuse.exitCode(), misuse.toString());
        assertTrue(misuse.err().contains("--release, --delete and --kind need a NAME"), misuse.toString());
        // Its task learns it when it unlocks, and fails.
        await().atMost(Duration.ofSeconds(60)).until(() -> cli("status", id).out().contains("FAILED"));
    }

    @Test
    void tasksListsNamesAndSignatures() {
        Run tasks = cli("tasks");
        assertEquals(0, tasks.exitCode(), tasks.toString());
        assertTrue(tasks.out().lines().anyMatch(l -> l.matches("compute_power +compute_power\\(long base, int exponent\\).*")),
                tasks.toString());
        assertTrue(cli("tasks", "--json").out().startsWith("[{\"name\":"));
    }

    @Test
    void badInputIsOneLineExit2WithoutAStackTrace() throws IOException {
        assertBadInput(cli("submit", "no_such_task", "1"), "mqpool: unknown task 'no_such_task'");
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "1\nnot json\n3\n");
        assertBadInput(cli("submit", "compute_cube", "--input", bad.toString()),
                "mqpool: " + bad + ":2: not JSON: Unrecognized token 'not'");
        Path missing = dir.resolve("missing.jsonl");
        assertBadInput(cli("submit", "compute_cube", "--input", missing.toString()),
                "mqpool: cannot read " + missing + ": no such file");

        for (String command : List.of("status", "results", "cancel")) {
            Run run = cli(command, "no-such-id");
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals("mqpool: no job 'no-such-id'\n", run.err());
        }
        Run flag = cli("jobs", "--colour");
        assertEquals(2, flag.exitCode(), flag.toString());
        assertEquals("mqpool: Unknown option: '--colour'\nTry 'mqpool jobs --help' for more information.\n",
                flag.err());
    }

    @Test
    void anUnreachableServerExits3NamingTheUrl() {
        Run run = cli("submit", "compute_cube", "--range", "1..3", "--wait", "--server", "http://127.0.0.1:1");
        assertEquals(3, run.exitCode(), run.toString());
        assertEquals("mqpool: cannot reach the server at http://127.0.0.1:1: connection refused\n", run.err());
    }

    private void assertBadInput(Run run, String errorStart) {
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertTrue(run.err().startsWith(errorStart), run.toString());
        assertFalse(run.err().contains("Exception"), run.toString());
        assertEquals("", run.out());
    }

    /** Runs the packaged jar with {@code args}, the server given by MQPOOL_SERVER unless a flag says else. */
    private Run cli(String... args) {
        // C1 only: these JVMs live a second, and the tests run many of them next to the server.
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1", "-jar",
                ServerProcess.packagedJar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MQPOOL_SERVER", server.url().toString());
        try {
            Process process = builder.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("mqpool " + String.join(" ", args) + " did not end in 60 s");
            }
            return new Run(process.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
