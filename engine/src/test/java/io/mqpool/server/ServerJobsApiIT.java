package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.server.HttpApiClient.Answer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The job endpoints added for the web UI, on a real {@code mqpool server} process with 2 workers. */
class ServerJobsApiIT {

    private static final Duration JOB_WAIT = Duration.ofSeconds(120);

    private static ServerProcess server;
    private static HttpApiClient api;

    @BeforeAll
    static void startServer() throws IOException {
        server = ServerProcess.start(Files.createTempDirectory("mqpool-jobs-api-it-"), 2);
        api = new HttpApiClient(server.url());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void outcomesJsonlStreamsEveryOutcomeOfA100000TaskJobOnceInIndexOrder() throws Exception {
        int total = 100_000;
        JsonNode job = api.submit("{\"task\": \"square\", \"range\": \"0.." + (total - 1) + "\", \"chunksize\": 500}");
        awaitState(job, "COMPLETED");

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                api.request("/api/jobs/" + id(job) + "/outcomes.jsonl").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("application/x-ndjson", response.headers().firstValue("Content-Type").orElseThrow()
                .split(";")[0]);
        assertEquals("attachment; filename=\"" + id(job) + ".jsonl\"",
                response.headers().firstValue("Content-Disposition").orElseThrow());
        // A body built whole before it is sent goes out with its length; a streamed one in chunks.
        assertTrue(response.headers().firstValue("Content-Length").isEmpty(), response.headers().toString());
        assertEquals("chunked", response.headers().firstValue("Transfer-Encoding").orElse(""),
                response.headers().toString());

        long expected = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode outcome = api.mapper().readTree(line);
                assertEquals(expected, outcome.get("index").asLong(), line);
                assertEquals(expected * expected, outcome.get("value").asLong(), line);
                assertEquals(2, outcome.size(), line);
                expected++;
            }
        }
        assertEquals(total, expected, "every outcome, once each, in index order");
    }

    @Test
    void outcomesJsonlCarriesErrorsLikeTheResultsEndpoint() {
        JsonNode job = api.submit("{\"task\": \"fail_on_purpose\", \"args\": [\"boom\", \"bang\"]}");
        awaitState(job, "FAILED");
        Answer answer = api.get("/api/jobs/" + id(job) + "/outcomes.jsonl");
        assertEquals(200, answer.status());
        String[] lines = answer.body().split("\n");
        assertEquals(2, lines.length, answer.body());
        JsonNode results = api.get("/api/jobs/" + id(job) + "/results").json().get("results");
        for (int i = 0; i < 2; i++) {
            assertEquals(results.get(i), readTree(lines[i]));
        }
        assertTrue(results.get(1).get("error").get("message").asText().contains("bang"), results.toString());
    }

    @Test
    void outcomesJsonlOfAnUnknownJobIs404() {
        assertRefused(api.get("/api/jobs/nosuchjob/outcomes.jsonl"), 404, "download of an unknown job");
    }

    @Test
    void deletingAFinishedJobRemovesItFromEveryViewAndARunningOneIsRefused() {
        JsonNode done = api.submit("{\"task\": \"compute_cube\", \"args\": [1, 2, 3], \"chunksize\": 1}");
        JsonNode running = api.submit("{\"task\": \"sleep_millis\", \"args\": [60000]}");
        awaitState(done, "COMPLETED");

        assertRefused(api.send(api.request("/api/jobs/" + id(running)).DELETE().build()), 409, "delete a running job");
        assertEquals("RUNNING", api.job(id(running)).get("state").asText());

        Answer deleted = api.send(api.request("/api/jobs/" + id(done)).DELETE().build());
        assertEquals(204, deleted.status(), deleted.body());
        assertEquals("", deleted.body());
        assertRefused(api.get("/api/jobs/" + id(done)), 404, "show a deleted job");
        assertRefused(api.get("/api/jobs/" + id(done) + "/results"), 404, "results of a deleted job");
        assertRefused(api.get("/api/jobs/" + id(done) + "/outcomes.jsonl"), 404, "download of a deleted job");
        assertFalse(listedIds().contains(id(done)), "a deleted job is gone from the list");
        assertTrue(listedIds().contains(id(running)));
        assertRefused(api.send(api.request("/api/jobs/" + id(done)).DELETE().build()), 404, "delete it again");
        assertRefused(api.send(api.request("/api/jobs/nosuchjob").DELETE().build()), 404, "delete an unknown job");

        api.post("/api/jobs/" + id(running) + "/cancel", "");
        awaitState(running, "CANCELLED");
        assertEquals(204, api.send(api.request("/api/jobs/" + id(running)).DELETE().build()).status());
        assertFalse(listedIds().contains(id(running)));
    }

    private static java.util.Set<String> listedIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        String next = null;
        do {
            JsonNode page = api.get("/api/jobs?limit=1000" + (next == null ? "" : "&before=" + next)).json();
            page.get("jobs").forEach(job -> ids.add(job.get("id").asText()));
            next = page.get("next").isNull() ? null : page.get("next").asText();
        } while (next != null);
        return ids;
    }

    static void assertRefused(Answer answer, int status, String what) {
        assertEquals(status, answer.status(), what + " -> " + answer.body());
        assertNotNull(answer.json(), what + " -> " + answer.body());
        assertTrue(answer.json().has("error"), what + " -> " + answer.body());
        assertFalse(answer.body().contains("\n"), what + " -> " + answer.body());
    }

    private static JsonNode readTree(String line) {
        try {
            return api.mapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static void awaitState(JsonNode job, String state) {
        await().atMost(JOB_WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> api.job(id(job)).get("state").asText(), state::equals);
    }

    private static String id(JsonNode job) {
        return job.get("id").asText();
    }
}
