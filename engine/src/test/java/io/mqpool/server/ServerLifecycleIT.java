package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, refusing, stopping and restarting real {@code mqpool server} processes. */
class ServerLifecycleIT {

    @TempDir
    Path temp;

    @Test
    void aSecondServerOnTheSameDataDirectoryRefusesNamingThePidThenSigtermStopsTheFirstCleanly() {
        Path data = temp.resolve("data");
        try (ServerProcess first = ServerProcess.start(data, 1)) {
            Set<Long> workers = first.workerPids();
            assertEquals(1, workers.size(), "worker processes: " + workers);

            ServerProcess second = ServerProcess.launch(data, 1);
            assertEquals(2, second.awaitExit(Duration.ofSeconds(30)), second.stderr());
            assertEquals("mqpool: the data directory " + data + " is in use by another mqpool server (pid "
                    + first.pid() + ")", second.stderr().strip());
            assertEquals("", second.stdout());
            second.close();

            HttpApiClient api = new HttpApiClient(first.url());
            assertEquals(200, api.get("/api/status").status());
            assertEquals(1, first.stdout().lines().count(), first.stdout());
            assertTrue(Files.isRegularFile(data.resolve("mqpool.log")));

            assertEquals(0, first.stop(), first.stderr());
            assertEquals(List.of(), first.survivors(), "worker processes left behind");
            assertEquals("", first.stderr());
        }
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsOneLineAndExitCode2() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-dir"), "x");
        ServerProcess server = ServerProcess.launch(file.resolve("data"), 1);
        try {
            assertEquals(2, server.awaitExit(Duration.ofSeconds(30)), server.stderr());
            String err = server.stderr().strip();
            assertTrue(err.startsWith("mqpool: ") && !err.contains("\n") && err.contains(file.toString()), err);
        } finally {
            server.close();
        }
    }

    @Test
    void aServerStoppedMidJobResumesItOnRestartAndEveryTaskHasExactlyOneResult() {
        Path data = temp.resolve("data");
        String jobId;
        int doneAtStop;
        try (ServerProcess first = ServerProcess.start(data, 1)) {
            HttpApiClient api = new HttpApiClient(first.url());
            String args = IntStream.range(0, 200).mapToObj(i -> "50").collect(Collectors.joining(",", "[", "]"));
            jobId = api.submit("{\"task\": \"sleep_millis\", \"args\": " + args + ", \"chunksize\": 1}")
                    .get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> api.job(jobId).get("done").asInt() >= 30);
            assertEquals(0, first.stop(), first.stderr());
            assertEquals(List.of(), first.survivors(), "worker processes left behind");
        }

        try (ServerProcess second = ServerProcess.start(data, 1)) {
            HttpApiClient api = new HttpApiClient(second.url());
            JsonNode resumed = api.job(jobId);
            doneAtStop = resumed.get("done").asInt();
            assertTrue(doneAtStop >= 30 && doneAtStop < 200, "done when stopped: " + resumed);

            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.job(jobId).get("state").asText(), "COMPLETED"::equals);
            JsonNode page = api.get("/api/jobs/" + jobId + "/results?limit=10000").json();
            assertTrue(page.get("done").asBoolean(), page.toString());
            Set<Long> indexes = new HashSet<>();
            for (JsonNode result : page.get("results")) {
                assertTrue(indexes.add(result.get("index").asLong()), "index twice: " + result);
                assertEquals(50, result.get("value").asInt(), result.toString());
            }
            assertEquals(200, indexes.size());
            assertFalse(indexes.stream().anyMatch(i -> i < 0 || i >= 200));
            assertEquals(200, api.job(jobId).get("done").asInt());
        }
    }

    @Test
    void aJobDeadlineHoldsAcrossARestartAndEndsTheJobTimedOutWithItsOutcomesKept() {
        Path data = temp.resolve("deadline");
        String jobId;
        try (ServerProcess first = ServerProcess.start(data, 1)) {
            HttpApiClient api = new HttpApiClient(first.url());
            String args = IntStream.range(0, 100).mapToObj(i -> "200").collect(Collectors.joining(",", "[", "]"));
            jobId = api.submit("{\"task\": \"sleep_millis\", \"args\": " + args
                    + ", \"chunksize\": 1, \"timeout\": \"4s\"}").get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> api.job(jobId).get("done").asInt() >= 2);
            assertEquals(0, first.stop(), first.stderr());
        }

        try (ServerProcess second = ServerProcess.start(data, 1)) {
            HttpApiClient api = new HttpApiClient(second.url());
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.job(jobId).get("state").asText(), "TIMED_OUT"::equals);
            int done = api.job(jobId).get("done").asInt();
            assertTrue(done >= 2 && done < 100, "done: " + done);
            JsonNode page = api.get("/api/jobs/" + jobId + "/results?order=completion&limit=10000").json();
            assertTrue(page.get("results").size() >= 2, page.toString());
        }
    }
}
