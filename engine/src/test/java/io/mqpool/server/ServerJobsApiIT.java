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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job endpoints added for the web UI, on a real {@code mqpool server} process with 2 workers. */
class ServerJobsApiIT {

    private static final Duration JOB_WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final RunningServer server = RunningServer.withWorkers(2);
    private static final HttpApiClient api = server.api();

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
        Answer answer = api.get("/api/jobs/nosuchjob/outcomes.jsonl");
        assertRefused(answer, 404, "download of an unknown job");
        assertEquals("no job 'nosuchjob'", answer.json().get("error").asText(), "the job is unknown, not the route");
    }

    @Test
    void deletingAFinishedJobRemovesItFromEveryViewAndARunningOneIsRefused() {
        JsonNode done = api.submit("{\"task\": \"compute_cube\", \"args\": [1, 2, 3], \"chunksize\": 1}");
        awaitState(done, "COMPLETED");
        // Submitted only now: had it been first, busy workers could have let it finish before
        // the quick job, and then it would no longer be running here.
        JsonNode running = api.submit("{\"task\": \"sleep_millis\", \"args\": [60000]}");

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

    @Test
    void retryFailedMakesAJobOfExactlyTheFailedTasksInIndexOrder() {
        JsonNode job = api.submit("{\"task\": \"compute_power\", \"mode\": \"starmap\", \"chunksize\": 2, "
                + "\"retries\": 1, \"args\": [[2, 3], [2, -1], [3, 2], [5, -2], [4, 1]]}");
        awaitState(job, "FAILED");

        Answer answer = api.post("/api/jobs/" + id(job) + "/retry-failed", "");
        assertEquals(201, answer.status(), answer.body());
        JsonNode retry = answer.json();
        assertEquals("/api/jobs/" + id(retry), answer.raw().headers().firstValue("Location").orElseThrow());
        assertEquals(id(job), retry.get("retryOf").asText());
        assertEquals("[1,3]", retry.get("sourceIndexes").toString());
        assertEquals("compute_power", retry.get("task").asText());
        assertEquals("starmap", retry.get("mode").asText());
        assertEquals(2, retry.get("total").asInt());
        assertEquals(1, retry.get("retries").asInt());
        awaitState(retry, "FAILED");

        JsonNode shown = api.job(id(retry));
        assertEquals(id(job), shown.get("retryOf").asText());
        assertEquals("[1,3]", shown.get("sourceIndexes").toString());
        JsonNode results = api.get("/api/jobs/" + id(retry) + "/results").json().get("results");
        assertEquals(2, results.size(), results.toString());
        assertTrue(results.get(0).get("error").get("message").asText().contains("got -1"), results.toString());
        assertTrue(results.get(1).get("error").get("message").asText().contains("got -2"), results.toString());
        JsonNode listed = api.get("/api/jobs?limit=1").json().get("jobs").get(0);
        assertEquals(id(retry), id(listed));
        assertEquals(id(job), listed.get("retryOf").asText());
        assertTrue(api.job(id(job)).get("retryOf").isNull(), "a fresh job retries nothing");
    }

    @Test
    void retryFailedRefusesARunningJobAJobWithoutFailuresAndAnUnknownOneStoringNothing() {
        JsonNode completed = api.submit("{\"task\": \"compute_cube\", \"args\": [1]}");
        awaitState(completed, "COMPLETED");
        // After the quick job, so that busy workers cannot let it finish first.
        JsonNode running = api.submit("{\"task\": \"sleep_millis\", \"args\": [60000]}");
        int jobsBefore = api.jobCount();

        assertRefused(api.post("/api/jobs/" + id(completed) + "/retry-failed", ""), 409, "retry without failures");
        assertRefused(api.post("/api/jobs/" + id(running) + "/retry-failed", ""), 409, "retry a running job");
        assertRefused(api.post("/api/jobs/nosuchjob/retry-failed", ""), 404, "retry an unknown job");
        assertEquals(jobsBefore, api.jobCount(), "a refused retry stored a job");

        api.post("/api/jobs/" + id(running) + "/cancel", "");
    }

    @Test
    void bulkRetryFailedRetriesEachJobWithFailuresAndSaysWhyItSkippedTheOthers() {
        JsonNode failedA = api.submit("{\"task\": \"fail_on_purpose\", \"args\": [\"a\", \"b\"]}");
        JsonNode failedB = api.submit("{\"task\": \"compute_power\", \"mode\": \"starmap\", "
                + "\"args\": [[2, 1], [2, -1]]}");
        JsonNode completed = api.submit("{\"task\": \"compute_cube\", \"args\": [1]}");
        for (JsonNode job : List.of(failedA, failedB)) {
            awaitState(job, "FAILED");
        }
        awaitState(completed, "COMPLETED");
        // After the quick jobs, so that busy workers cannot let it finish first.
        JsonNode running = api.submit("{\"task\": \"sleep_millis\", \"args\": [60000]}");

        Answer answer = api.post("/api/jobs/retry-failed", "{\"ids\": [\"" + id(failedA) + "\", \"" + id(completed)
                + "\", \"nosuchjob\", \"" + id(running) + "\", \"" + id(failedB) + "\"]}");
        assertEquals(200, answer.status(), answer.body());
        JsonNode jobs = answer.json().get("jobs");
        assertEquals(2, jobs.size(), answer.body());
        assertEquals(id(failedA), jobs.get(0).get("retryOf").asText());
        assertEquals("[0,1]", jobs.get(0).get("sourceIndexes").toString());
        assertEquals(id(failedB), jobs.get(1).get("retryOf").asText());
        assertEquals("[1]", jobs.get(1).get("sourceIndexes").toString());
        JsonNode skipped = answer.json().get("skipped");
        assertEquals(3, skipped.size(), answer.body());
        assertEquals(id(completed), skipped.get(0).get("id").asText());
        assertEquals("has no failed task", skipped.get(0).get("reason").asText());
        assertEquals("nosuchjob", skipped.get(1).get("id").asText());
        assertEquals("is not a known job", skipped.get(1).get("reason").asText());
        assertEquals(id(running), skipped.get(2).get("id").asText());
        assertEquals("is still running", skipped.get(2).get("reason").asText());

        int jobsBefore = api.jobCount();
        for (String body : List.of("", "{}", "{\"ids\": []}", "{\"ids\": \"" + id(failedA) + "\"}",
                "{\"ids\": [1]}", "{\"ids\": [\"" + id(failedA) + "\", \"" + id(failedA) + "\"]}",
                "{\"ids\": [\"" + id(failedA) + "\"], \"x\": 1}", "[\"" + id(failedA) + "\"]", "{\"ids\": [")) {
            assertRefused(api.post("/api/jobs/retry-failed", body), 400, "bulk retry with " + body);
        }
        assertEquals(jobsBefore, api.jobCount(), "a refused bulk retry stored a job");
        api.post("/api/jobs/" + id(running) + "/cancel", "");
    }

    @Test
    void theJobListFiltersByAPartOfTheTaskNameIgnoringCaseAndPagesWithIt() {
        JsonNode first = api.submit("{\"task\": \"compute_power\", \"mode\": \"starmap\", \"args\": [[2, 2]]}");
        JsonNode second = api.submit("{\"task\": \"compute_power_sleep\", \"args\": [1]}");
        JsonNode third = api.submit("{\"task\": \"compute_power\", \"mode\": \"starmap\", \"args\": [[3, 2]]}");
        api.submit("{\"task\": \"echo\", \"args\": [1]}");

        JsonNode page = api.get("/api/jobs?task=Compute_POWER&limit=2").json();
        assertEquals(List.of(id(third), id(second)), ids(page.get("jobs")));
        JsonNode rest = api.get("/api/jobs?task=Compute_POWER&limit=2&before=" + page.get("next").asText()).json();
        assertEquals(id(first), id(rest.get("jobs").get(0)));
        assertTrue(ids(rest.get("jobs")).stream().noneMatch(List.of(id(second), id(third))::contains));
        for (JsonNode job : api.get("/api/jobs?task=power&limit=1000").json().get("jobs")) {
            assertTrue(job.get("task").asText().contains("power"), job.toString());
        }
        assertEquals(0, api.get("/api/jobs?task=power%25&limit=1000").json().get("jobs").size(), "% is literal");
        assertEquals(0, api.get("/api/jobs?task=compute.power&limit=1000").json().get("jobs").size());
        assertRefused(api.get("/api/jobs?task=" + "x".repeat(101)), 400, "a task filter longer than any name");
    }

    @Test
    void resultsWithOnlyFailedHoldExactlyTheFailedOutcomesInBothOrdersAndPageThroughThem() {
        StringBuilder args = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            args.append(i == 0 ? "" : ", ").append("[2, ").append(i % 13 == 5 ? -1 : 1).append("]");
        }
        JsonNode job = api.submit("{\"task\": \"compute_power\", \"mode\": \"starmap\", \"chunksize\": 2, "
                + "\"args\": [" + args + "]}");
        awaitState(job, "FAILED");

        for (String order : List.of("input", "completion")) {
            List<Long> indexes = new java.util.ArrayList<>();
            String after = null;
            boolean done = false;
            for (int pages = 0; !done; pages++) {
                assertTrue(pages < 40, "paging did not end");
                JsonNode page = api.get("/api/jobs/" + id(job) + "/results?only=failed&limit=2&order=" + order
                        + (after == null ? "" : "&after=" + after)).json();
                for (JsonNode result : page.get("results")) {
                    assertTrue(result.has("error") && !result.has("value"), result.toString());
                    indexes.add(result.get("index").asLong());
                }
                after = page.get("next").asText();
                done = page.get("done").asBoolean();
            }
            if (order.equals("input")) {
                assertEquals(List.of(5L, 18L, 31L), indexes);
            } else {
                assertEquals(java.util.Set.of(5L, 18L, 31L), new java.util.HashSet<>(indexes));
            }
        }
        assertEquals(3, api.get("/api/jobs/" + id(job) + "/results?only=failed").json().get("results").size());
        assertEquals(40, api.get("/api/jobs/" + id(job) + "/results").json().get("results").size());
        assertRefused(api.get("/api/jobs/" + id(job) + "/results?only=errors"), 400, "only=errors");
        assertRefused(api.get("/api/jobs/nosuchjob/results?only=failed"), 404, "only=failed of an unknown job");
    }

    @Test
    void statsShowTasksFinishedOverTimeAndHowLongTheyTookFromTheWorkersTimes() {
        JsonNode job = api.submit("{\"task\": \"sleep_millis\", \"chunksize\": 2, "
                + "\"args\": [300, 300, 300, 300, 300, 300]}");
        awaitState(job, "COMPLETED");

        JsonNode stats = api.get("/api/jobs/" + id(job) + "/stats").json();
        long done = 0;
        for (JsonNode bucket : stats.get("throughput")) {
            java.time.Instant.parse(bucket.get("t").asText());
            done += bucket.get("done").asLong();
        }
        assertEquals(6, done, stats.toString());
        JsonNode bounds = stats.get("durations").get("bucketsMs");
        JsonNode counts = stats.get("durations").get("counts");
        assertEquals(bounds.size() + 1, counts.size(), stats.toString());
        long counted = 0;
        for (int i = 0; i < counts.size(); i++) {
            long count = counts.get(i).asLong();
            counted += count;
            if (count > 0) {
                // Tasks of 300 ms: more than 200, at most 500, however busy the machine is not.
                assertEquals(500, bounds.get(i).asLong(), stats.toString());
            }
        }
        assertEquals(6, counted, stats.toString());

        JsonNode perMinute = api.get("/api/stats/throughput?minutes=5").json().get("perMinute");
        assertEquals(5, perMinute.size(), perMinute.toString());
        long recent = 0;
        for (JsonNode minute : perMinute) {
            assertTrue(minute.get("t").asText().endsWith(":00Z"), perMinute.toString());
            recent += minute.get("done").asLong();
        }
        assertTrue(recent >= 6, perMinute.toString());
        assertEquals(60, api.get("/api/stats/throughput").json().get("perMinute").size());
        assertRefused(api.get("/api/stats/throughput?minutes=0"), 400, "minutes=0");
        assertRefused(api.get("/api/stats/throughput?minutes=soon"), 400, "minutes=soon");
        assertRefused(api.get("/api/stats/throughput?minutes=1441"), 400, "minutes=1441");
        assertRefused(api.get("/api/jobs/nosuchjob/stats"), 404, "stats of an unknown job");
    }

    private static List<String> ids(JsonNode jobs) {
        List<String> ids = new java.util.ArrayList<>();
        jobs.forEach(job -> ids.add(id(job)));
        return ids;
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
