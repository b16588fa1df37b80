package io.mqpool.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mqpool results ID --joblog FILE} against a real server: a job of five tasks of which one
 * throws and one runs past its task timeout (its worker is killed), read when finished and while
 * it runs; a cancelled job; and a log file that cannot be written.
 */
class JobLogIT {

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.withWorkers(2);

    /** sleep_millis: -1 makes Thread.sleep throw, 30000 runs past the 2 s task timeout. */
    private static final String MIXED_JOB = "{\"task\": \"sleep_millis\", \"args\": [50, -1, 30000, 60, 70], "
            + "\"chunksize\": 1, \"taskTimeout\": \"2s\"}";
    private static final String HEADER = "Seq\tHost\tStarttime\tJobRuntime\tAttempt\tOutcome\tExitval\tSignal\tExit\tError";

    @TempDir
    Path home;

    @Test
    void theJobLogOfAFinishedJobHasOneLineOfTenColumnsPerTaskWithItsOutcome() throws IOException {
        String id = SERVER.api().submitForId(MIXED_JOB);
        SERVER.api().awaitState(id, "FAILED", Duration.ofSeconds(60));
        Path log = home.resolve("job.log");

        MqpoolCli.Run run = MqpoolCli.run(home, Map.of(), "results", id, "--joblog", log.toString(),
                "--server", SERVER.url().toString());

        assertEquals(1, run.exitCode(), run.err());
        assertEquals(List.of("50", "60", "70"), run.out().lines().toList());
        assertMixedJobLogged(log);
    }

    @Test
    void theResultsApiSaysHowEachTaskRanWhenAskedAndRefusesABadRunsValue() {
        String id = SERVER.api().submitForId("{\"task\": \"compute_cube\", \"range\": \"1..4\", \"chunksize\": 2}");
        SERVER.api().awaitState(id, "COMPLETED", Duration.ofSeconds(60));

        HttpApiClient.Answer plain = SERVER.api().get("/api/jobs/" + id + "/results");
        HttpApiClient.Answer withRuns = SERVER.api().get("/api/jobs/" + id + "/results?runs=true");
        HttpApiClient.Answer bad = SERVER.api().get("/api/jobs/" + id + "/results?runs=yes");

        assertEquals(200, withRuns.status(), withRuns.body());
        assertTrue(plain.json().path("results").get(0).path("run").isMissingNode(), plain.body());
        for (JsonNode item : withRuns.json().path("results")) {
            JsonNode run = item.path("run");
            assertTrue(run.path("worker").asText().matches("w\\d+"), item.toString());
            assertTrue(run.path("finishedAtMs").asLong() >= run.path("startedAtMs").asLong(), item.toString());
            assertEquals(1, run.path("attempt").asInt(), item.toString());
            assertTrue(run.path("exit").isMissingNode(), item.toString());
        }
        assertEquals(4, withRuns.json().path("results").size());
        assertEquals(400, bad.status());
        assertEquals("query parameter 'runs' must be true or false, not 'yes'", bad.json().path("error").asText());
    }

    @Test
    void withFollowTheJobLogIsWrittenAsTheJobRunsAndEndsComplete() throws Exception {
        String id = SERVER.api().submitForId(MIXED_JOB);
        Path log = home.resolve("follow.log");
        Process follow = MqpoolCli.start(home, Map.of(), "results", id, "--follow", "--progress", "none",
                "--joblog", log.toString(), "--server", SERVER.url().toString());
        try {
            // Tasks 0 and 1 end within a second; in input order the rest wait for task 2, settled
            // only after its 2 s timeout. A file written only at the end would hold all five at once.
            Awaitility.await("lines while the job runs").atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(log) && Files.readAllLines(log).size() >= 3);
            assertTrue(rows(log).stream().noneMatch(r -> r[5].equals("timeout")), "written as it goes");
            assertTrue(follow.waitFor(60, TimeUnit.SECONDS), "--follow ends with the job");
            assertEquals(1, follow.exitValue());
        } finally {
            follow.destroyForcibly();
            follow.waitFor(10, TimeUnit.SECONDS);
        }
        assertMixedJobLogged(log);
    }

    @Test
    void theTasksACancelledJobNeverRanAreLoggedAsCancelled() throws IOException {
        String id = SERVER.api().submitForId("{\"task\": \"sleep_millis\", \"args\": [20000, 20000, 20000, 20000, "
                + "20000, 20000], \"chunksize\": 1}");
        SERVER.api().post("/api/jobs/" + id + "/cancel", "{}");
        SERVER.api().awaitState(id, "CANCELLED", Duration.ofSeconds(30));
        Path log = home.resolve("cancelled.log");

        MqpoolCli.Run run = MqpoolCli.run(home, Map.of(), "results", id, "--joblog", log.toString(),
                "--server", SERVER.url().toString());

        assertEquals(1, run.exitCode(), run.err());
        List<String[]> rows = rows(log);
        assertEquals(6, rows.size(), "one line per task");
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), rows.stream().map(r -> Long.parseLong(r[0])).sorted().toList());
        long cancelled = rows.stream().filter(r -> r[5].equals("cancelled")).count();
        assertTrue(cancelled >= 4, "at most two tasks ran on two workers: " + cancelled + " cancelled");
        rows.stream().filter(r -> r[5].equals("cancelled")).forEach(r -> assertEquals("1", r[6], "Exitval"));
    }

    @Test
    void aJobLogThatCannotBeWrittenIsOneLineAndExit2BeforeTheServerIsAsked() {
        Path log = home.resolve("no-such-dir").resolve("job.log");

        // An address nobody answers on: exit 3 would mean the server was asked first.
        MqpoolCli.Run run = MqpoolCli.run(home, Map.of(), "results", "anyid", "--joblog", log.toString(),
                "--server", "http://127.0.0.1:9");

        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("mqpool: cannot write the job log " + log + ": its directory does not exist"),
                run.err());
    }

    private static void assertMixedJobLogged(Path log) throws IOException {
        assertEquals(HEADER, Files.readAllLines(log).get(0));
        List<String[]> rows = rows(log);
        assertEquals(5, rows.size(), "one line per task");
        rows.forEach(r -> assertEquals(10, r.length, "ten columns: " + String.join("|", r)));
        Map<Long, String[]> byIndex = rows.stream().collect(Collectors.toMap(r -> Long.parseLong(r[0]),
                Function.identity()));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), byIndex.keySet().stream().sorted().toList());
        assertEquals(Map.of("ok", 3L, "error", 1L, "timeout", 1L), rows.stream()
                .collect(Collectors.groupingBy(r -> r[5], Collectors.counting())));

        for (long ok : List.of(0L, 3L, 4L)) {
            String[] r = byIndex.get(ok);
            assertTrue(r[1].matches("w\\d+"), "Host is the worker: " + r[1]);
            double start = Double.parseDouble(r[2]);
            assertTrue(Math.abs(start - System.currentTimeMillis() / 1000.0) < 600, "Starttime in epoch seconds");
            assertTrue(Double.parseDouble(r[3]) >= 0.04, "JobRuntime covers the 50-70 ms sleep: " + r[3]);
            assertEquals(List.of("1", "0", "0", "-", "-"), List.of(r[4], r[6], r[7], r[8], r[9]), "ok: " + ok);
        }
        String[] error = byIndex.get(1L);
        assertEquals(List.of("1", "error", "1", "0", "-"), List.of(error[4], error[5], error[6], error[7], error[8]));
        assertTrue(error[1].matches("w\\d+"), error[1]);
        assertTrue(error[9].startsWith("java.lang.IllegalArgumentException"), error[9]);

        String[] timeout = byIndex.get(2L);
        assertEquals(List.of("1", "timeout", "1", "9", "signal 9"),
                List.of(timeout[4], timeout[5], timeout[6], timeout[7], timeout[8]));
        assertTrue(timeout[9].startsWith("io.mqpool.TaskTimeoutException: task ran past its task timeout of 2s"),
                timeout[9]);
    }

    /** The lines after the header, split at tabs (empty trailing fields kept). */
    private static List<String[]> rows(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.subList(1, lines.size()).stream().map(line -> line.split("\t", -1)).toList();
    }
}
