package io.mqpool.server;

import static io.mqpool.server.ServerJobsApiIT.assertRefused;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.server.HttpApiClient.Answer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mqpool server --read-only} and {@code --base-path}, each on a real server process. */
class ServerHttpSettingsIT {

    @Test
    void aReadOnlyServerAnswersReadsAndRefusesEveryChangeWith403StoringNothing(@TempDir Path dir) throws IOException {
        try (ServerProcess server = ServerProcess.start(dir, 1,
                "--read-only")) {
            HttpApiClient api = new HttpApiClient(server.url());
            JsonNode status = api.get("/api/status").json();
            assertTrue(status.get("readOnly").asBoolean(), status.toString());
            assertEquals("", status.get("basePath").asText(), status.toString());

            Answer submit = api.post("/api/jobs", "{\"task\": \"compute_cube\", \"args\": [1]}");
            assertRefused(submit, 403, "submit on a read-only server");
            assertEquals("this server is read-only", submit.json().get("error").asText());
            assertRefused(api.post("/api/jobs/x/cancel", ""), 403, "cancel");
            assertRefused(api.post("/api/jobs/x/retry-failed", ""), 403, "retry");
            assertRefused(api.post("/api/jobs/retry-failed", "{\"ids\": [\"x\"]}"), 403, "bulk retry");
            assertRefused(api.send(api.request("/api/jobs/x").DELETE().build()), 403, "delete");
            assertRefused(api.send(api.request("/api/jobs/x").PUT(HttpRequest.BodyPublishers.ofString("{}")).build()),
                    403, "put");
            assertRefused(api.post("/api/workers/scale", "{\"count\": 3}"), 403, "scale");
            assertRefused(api.post("/jobs", "task=compute_cube"), 403, "a page action");

            assertEquals(200, api.get("/api/tasks").status());
            assertEquals(200, api.get("/api/health").status());
            assertEquals(200, api.get("/metrics").status());
            assertEquals(200, api.get("/api/workers").status());
            assertEquals(1, api.get("/api/workers").json().size(), "the refused scale changed nothing");
            assertEquals(0, api.jobCount(), "a refused request stored a job");
            assertRefused(api.get("/api/jobs/x"), 404, "reading an unknown job is still a 404");
        }
    }

    @Test
    void aServerWithABasePathServesEveryRouteUnderItAndHandsOutPathsUnderIt(@TempDir Path dir) throws IOException {
        try (ServerProcess server = ServerProcess.start(dir, 1,
                "--base-path", "/mqpool/")) {
            HttpApiClient api = new HttpApiClient(server.url());
            Answer status = api.get("/mqpool/api/status");
            assertEquals(200, status.status(), status.body());
            assertEquals("/mqpool", status.json().get("basePath").asText(), status.body());
            assertFalse(status.json().get("readOnly").asBoolean(), status.body());
            assertEquals(404, api.get("/api/status").status(), "nothing is served outside the base path");
            assertEquals(200, api.get("/mqpool/api/health").status());
            assertEquals(404, api.get("/api/health").status());
            Answer metrics = api.get("/mqpool/metrics");
            assertEquals(200, metrics.status(), metrics.body());
            assertTrue(PrometheusText.parse(metrics.body()).has("mqpool_tasks_done_total"), metrics.body());
            assertEquals(404, api.get("/metrics").status());
            assertEquals(404, api.get("/api/jobs").status());

            Answer submit = api.post("/mqpool/api/jobs", "{\"task\": \"compute_cube\", \"args\": [2, 3]}");
            assertEquals(201, submit.status(), submit.body());
            String id = submit.json().get("id").asText();
            String location = submit.raw().headers().firstValue("Location").orElseThrow();
            assertEquals("/mqpool/api/jobs/" + id, location);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> api.get(location).json().get("state").asText(), "COMPLETED"::equals);
            assertEquals("{\"index\":1,\"value\":27}",
                    api.get("/mqpool/api/jobs/" + id + "/outcomes.jsonl").body().lines().toList().get(1));
            assertEquals(1, api.get("/mqpool/api/jobs?task=cube").json().get("jobs").size());
        }
    }
}
