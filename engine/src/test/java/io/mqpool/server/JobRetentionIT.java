package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention on a real {@code mqpool server} process whose {@code jobs.retention} is 2 s: finished
 * jobs go once it has passed, jobs with a retention of their own keep it, and a running job is
 * never touched.
 */
class JobRetentionIT {

    @TempDir
    Path dir;

    @Test
    void onlyTheExpiredJobsAreDeletedWhileAnotherJobRunsAndAJobsOwnRetentionWins() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.writeString(data.resolve("mqpool.properties"), "jobs.retention=2s\n");
        try (ServerProcess server = ServerProcess.start(data, 2)) {
            HttpApiClient api = new HttpApiClient(server.url());
            String running = api.submitForId("{\"task\": \"sleep_millis\", \"args\": [60000], \"chunksize\": 1}");
            String plain = api.submitForId("{\"task\": \"square\", \"range\": \"1..50\", \"chunksize\": 1}");
            String forever = api.submitForId("{\"task\": \"square\", \"range\": \"1..5\", \"retention\": \"0\"}");
            String hour = api.submitForId("{\"task\": \"square\", \"range\": \"1..5\", \"retention\": \"1h\"}");
            String brief = api.submitForId("{\"task\": \"square\", \"range\": \"1..5\", \"retention\": \"1s\"}");
            for (String id : new String[] {plain, forever, hour, brief}) {
                api.awaitState(id, "COMPLETED", Duration.ofSeconds(60));
            }

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> status(api, plain) == 404 && status(api, brief) == 404);

            assertEquals("RUNNING", api.job(running).get("state").asText());
            assertEquals(200, status(api, forever), "retention 0 keeps the job");
            assertEquals(200, status(api, hour), "its own hour, not the server's 2 s");
            assertEquals(3, api.jobCount());
            assertEquals(5, api.job(hour).get("done").asInt(), api.job(hour).toString());
            api.post("/api/jobs/" + running + "/cancel", "{}");
        }
    }

    private static int status(HttpApiClient api, String id) {
        return api.get("/api/jobs/" + id).status();
    }
}
