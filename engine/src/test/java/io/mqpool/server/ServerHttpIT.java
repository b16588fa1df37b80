package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.server.HttpApiClient.Answer;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP API of a real {@code mqpool server} process with 2 workers, shared by every test. */
class ServerHttpIT {

    private static final Duration JOB_WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final RunningServer server = RunningServer.withWorkers(2);
    private static final HttpApiClient api = server.api();

    @Test
    void mapWithArgsReturnsResultsInBothOrdersWithTheirIndexes() {
        JsonNode job = api.submit("{\"task\": \"compute_cube\", \"args\": [1, 2, 3, 4, 5]}");
        assertEquals("map", job.get("mode").asText());
        assertEquals(5, job.get("total").asInt());
        awaitState(job, "COMPLETED");

        assertEquals(Map.of(0L, "1", 1L, "8", 2L, "27", 3L, "64", 4L, "125"), all(job, "input"));
        assertEquals(all(job, "input"), all(job, "completion"));
        JsonNode finished = api.job(id(job));
        assertEquals(5, finished.get("done").asInt());
        assertEquals(0, finished.get("pending").asInt());
        assertEquals(0, finished.get("running").asInt());
        assertFalse(finished.get("finishedAt").isNull());
    }

    @Test
    void submitAnswers201WithALocationHeader() {
        Answer answer = api.post("/api/jobs", "{\"task\": \"compute_cube\", \"args\": [2]}");
        assertEquals(201, answer.status(), answer.body());
        assertEquals("/api/jobs/" + answer.json().get("id").asText(),
                answer.raw().headers().firstValue("Location").orElseThrow());
        assertEquals("RUNNING", answer.json().get("state").asText(), answer.body());
    }

    @Test
    void mapWithARangePagesThroughEveryResultWithTheCursorInBothOrders() {
        JsonNode job = api.submit("{\"task\": \"compute_cube\", \"range\": \"1..100\", \"chunksize\": 7}");
        assertEquals(100, job.get("total").asInt());
        assertEquals(7, job.get("chunksize").asInt());
        awaitState(job, "COMPLETED");

        for (String order : List.of("input", "completion")) {
            List<Long> indexes = new ArrayList<>();
            String after = null;
            int pages = 0;
            boolean done = false;
            while (!done) {
                JsonNode page = api.get("/api/jobs/" + id(job) + "/results?order=" + order + "&limit=10"
                        + (after == null ? "" : "&after=" + after)).json();
                for (JsonNode result : page.get("results")) {
                    long index = result.get("index").asLong();
                    indexes.add(index);
                    assertEquals((index + 1) * (index + 1) * (index + 1), result.get("value").asLong());
                }
                after = page.get("next").asText();
                done = page.get("done").asBoolean();
                assertTrue(++pages <= 20, "paging did not end: " + page);
            }
            assertTrue(pages >= 10, order + ": 100 results in pages of one 7-task chunk took " + pages + " pages");
            assertEquals(100, new HashSet<>(indexes).size(), order + ": " + indexes);
            if (order.equals("input")) {
                assertEquals(indexesBelow(100), indexes);
            }
        }
    }

    @Test
    void starmapBindsEachListToTheTasksArgumentsInOrder() {
        JsonNode job = api.submit("{\"task\": \"compute_power\", \"mode\": \"starmap\", \"args\": [[2, 3], [3, 4]]}");
        awaitState(job, "COMPLETED");
        assertEquals(Map.of(0L, "8", 1L, "81"), all(job, "input"));
    }

    @Test
    void imapPassesResultsThroughAsRawJson() {
        JsonNode job = api.submit("{\"task\": \"echo\", \"mode\": \"imap\", \"args\": [\"a\", {\"x\": [1, 2]}, null]}");
        assertEquals(1, job.get("chunksize").asInt());
        awaitState(job, "COMPLETED");
        assertEquals(Map.of(0L, "\"a\"", 1L, "{\"x\":[1,2]}", 2L, "null"), all(job, "input"));
    }

    @Test
    void imapUnorderedHandsBackResultsInCompletionOrder() {
        JsonNode job = api.submit("{\"task\": \"sleep_millis\", \"mode\": \"imap_unordered\", "
                + "\"args\": [1500, 10, 10]}");
        awaitState(job, "COMPLETED");
        JsonNode results = api.get("/api/jobs/" + id(job) + "/results?order=completion").json().get("results");
        assertEquals(3, results.size());
        assertEquals(0, results.get(2).get("index").asInt(), "the slow task completes last: " + results);
    }

    @Test
    void applyRunsOneTaskAndRefusesAnythingButOneArgument() {
        JsonNode job = api.submit("{\"task\": \"compute_cube\", \"mode\": \"apply\", \"args\": [3]}");
        awaitState(job, "COMPLETED");
        assertEquals(Map.of(0L, "27"), all(job, "input"));
        assertEquals(400, api.post("/api/jobs", "{\"task\": \"compute_cube\", \"mode\": \"apply\", \"args\": [3, 4]}")
                .status());
    }

    @Test
    void aFailedTaskShowsItsErrorWithTypeMessageAndStack() {
        JsonNode job = api.submit("{\"task\": \"fail_on_purpose\", \"args\": [\"boom\"]}");
        awaitState(job, "FAILED");
        JsonNode result = api.get("/api/jobs/" + id(job) + "/results").json().get("results").get(0);
        JsonNode error = result.get("error");
        assertNotNull(error, result.toString());
        assertTrue(error.get("type").asText().endsWith("IllegalStateException"), error.toString());
        assertTrue(error.get("message").asText().contains("boom"), error.toString());
        assertFalse(error.get("stack").asText().isBlank(), error.toString());
        assertEquals(1, api.job(id(job)).get("failed").asInt());
    }

    @Test
    void aLongPollReturnsAsSoonAsTheFirstResultArrives() {
        JsonNode job = api.submit("{\"task\": \"sleep_millis\", \"args\": [1000, 3000], \"chunksize\": 1}");
        long start = System.nanoTime();
        JsonNode page = api.get("/api/jobs/" + id(job) + "/results?order=completion&waitMs=20000").json();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(1, page.get("results").size(), page.toString());
        assertEquals(0, page.get("results").get(0).get("index").asInt());
        assertFalse(page.get("done").asBoolean());
        assertTrue(took.compareTo(Duration.ofMillis(700)) > 0 && took.compareTo(Duration.ofSeconds(5)) < 0,
                "the long poll took " + took);

        long again = System.nanoTime();
        JsonNode empty = api.get("/api/jobs/" + id(job) + "/results?order=completion&waitMs=300&after="
                + page.get("next").asText()).json();
        assertEquals(0, empty.get("results").size(), empty.toString());
        assertTrue(Duration.ofNanos(System.nanoTime() - again).compareTo(Duration.ofMillis(250)) > 0);
        assertEquals("CANCELLED", api.post("/api/jobs/" + id(job) + "/cancel", "").json().get("state").asText());
    }

    @Test
    void cancellingARunningJobStopsItAndKeepsTheOutcomesItHas() {
        JsonNode job = api.submit("{\"task\": \"sleep_millis\", \"args\": " + repeat(20, 300) + ", \"chunksize\": 1}");
        await().atMost(JOB_WAIT).until(() -> api.job(id(job)).get("done").asInt() >= 2);
        Answer cancelled = api.post("/api/jobs/" + id(job) + "/cancel", "");
        assertEquals(200, cancelled.status(), cancelled.body());
        assertEquals("CANCELLED", cancelled.json().get("state").asText());
        assertFalse(cancelled.json().get("finishedAt").isNull());

        JsonNode again = api.post("/api/jobs/" + id(job) + "/cancel", "").json();
        assertEquals("CANCELLED", again.get("state").asText());
        assertEquals(cancelled.json().get("finishedAt"), again.get("finishedAt"));
        JsonNode page = api.get("/api/jobs/" + id(job) + "/results?limit=10000").json();
        assertTrue(page.get("done").asBoolean(), page.toString());
        int results = page.get("results").size();
        assertTrue(results >= 2 && results < 20, "outcomes kept: " + results);
    }

    @Test
    void retryTimeoutsIsAcceptedStoredAndShownFalseByDefault() {
        JsonNode retrying = api.submit("{\"task\": \"compute_cube\", \"args\": [2], \"taskTimeout\": \"30s\", "
                + "\"retryTimeouts\": true}");
        JsonNode plain = api.submit("{\"task\": \"compute_cube\", \"args\": [2]}");

        assertTrue(retrying.get("retryTimeouts").booleanValue(), retrying.toString());
        assertTrue(api.job(id(retrying)).get("retryTimeouts").booleanValue());
        assertFalse(api.job(id(plain)).get("retryTimeouts").booleanValue());
        assertRefusedNamingTheFieldAndNothingStored("retryTimeouts", List.of("\"yes\"", "1", "\"true\""));
    }

    @Test
    void maxInFlightIsAcceptedShownAndKeepsTheJobToThatManyTasksAtOnce() {
        long start = System.nanoTime();
        JsonNode bounded = api.submit("{\"task\": \"sleep_millis\", \"args\": [400, 400, 400, 400], \"chunksize\": 1, "
                + "\"maxInFlight\": 1}");
        assertEquals(1, bounded.get("maxInFlight").intValue(), bounded.toString());
        awaitState(api.job(id(bounded)), "COMPLETED");
        // Four 400 ms tasks one at a time take 1.6 s; on the server's two workers, 0.8 s.
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(took >= 1_550, "took " + took + " ms");
        assertTrue(api.job(id(api.submit("{\"task\": \"compute_cube\", \"args\": [2]}"))).get("maxInFlight").isNull());

        assertRefusedNamingTheFieldAndNothingStored("maxInFlight", List.of("0", "-3", "\"two\""));
    }

    @Test
    void jobsAreListedNewestFirstInPagesAndFilteredByState() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(id(api.submit("{\"task\": \"compute_cube\", \"args\": [" + i + "]}")));
        }
        ids.forEach(id -> awaitState(api.job(id), "COMPLETED"));
        JsonNode first = api.get("/api/jobs?limit=2").json();
        assertEquals(2, first.get("jobs").size());
        assertEquals(ids.get(2), first.get("jobs").get(0).get("id").asText());
        assertEquals(ids.get(1), first.get("jobs").get(1).get("id").asText());
        JsonNode second = api.get("/api/jobs?limit=1&before=" + first.get("next").asText()).json();
        assertEquals(ids.get(0), second.get("jobs").get(0).get("id").asText());

        JsonNode completed = api.get("/api/jobs?state=COMPLETED&limit=1000").json();
        assertTrue(completed.get("jobs").size() >= 3);
        completed.get("jobs").forEach(j -> assertEquals("COMPLETED", j.get("state").asText()));
        assertEquals(400, api.get("/api/jobs?state=SLEEPING").status());
    }

    @Test
    void tasksListTheRegistryWithArgumentAndResultTypes() {
        JsonNode tasks = api.get("/api/tasks").json();
        JsonNode square = null;
        for (JsonNode task : tasks) {
            if (task.get("name").asText().equals("compute_square")) {
                square = task;
            }
        }
        assertNotNull(square, tasks.toString());
        assertEquals("Integer", square.get("argumentType").asText());
        assertEquals("String", square.get("resultType").asText());
        assertTrue(square.get("signature").asText().startsWith("compute_square("));
    }

    @Test
    void statusAndWorkersDescribeTheServer() {
        JsonNode status = api.get("/api/status").json();
        assertEquals(server.process().dataDir().toAbsolutePath().toString(), status.get("dataDir").asText());
        assertNotNull(status.get("version").asText());
        JsonNode workers = api.get("/api/workers").json();
        assertTrue(workers.size() >= 2, workers.toString());
        for (JsonNode worker : workers) {
            assertTrue(worker.get("pid").asLong() > 0, worker.toString());
            assertTrue(Set.of("idle", "busy", "starting", "draining", "restarting", "stopped")
                    .contains(worker.get("state").asText()), worker.toString());
            assertTrue(worker.has("tasksDone") && worker.has("uptimeMs") && worker.has("restarts"));
        }
        assertEquals(200, api.get("/").status());
    }

    @Test
    void scalingUpAndDownDuringAJobLosesNoTaskAndRunsNoneTwice() {
        JsonNode job = api.submit("{\"task\": \"sleep_millis\", \"args\": " + repeat(60, 100) + ", \"chunksize\": 1}");
        try {
            Answer up = api.post("/api/workers/scale", "{\"count\": 3}");
            assertEquals(200, up.status(), up.body());
            assertEquals(3, active(up.json()), up.body());
            await().atMost(JOB_WAIT).until(() -> api.job(id(job)).get("done").asInt() >= 20);
            Answer down = api.post("/api/workers/scale", "{\"count\": 1}");
            assertEquals(200, down.status(), down.body());
            awaitState(job, "COMPLETED");
            await().atMost(JOB_WAIT).until(() -> active(api.get("/api/workers").json()) == 1);
        } finally {
            api.post("/api/workers/scale", "{\"count\": 2}");
        }
        JsonNode page = api.get("/api/jobs/" + id(job) + "/results?order=completion&limit=10000").json();
        List<Long> indexes = new ArrayList<>();
        page.get("results").forEach(r -> {
            indexes.add(r.get("index").asLong());
            assertEquals(100, r.get("value").asInt(), r.toString());
        });
        assertEquals(60, indexes.size(), indexes.toString());
        assertEquals(60, new HashSet<>(indexes).size(), indexes.toString());
        assertEquals(60, api.job(id(job)).get("done").asInt());
    }

    @Test
    void everyBadRequestIsRefusedWithOneLineAndStoresNothing() {
        int jobsBefore = api.jobCount();
        Map<String, Integer> badSubmissions = new LinkedHashMap<>();
        badSubmissions.put("{\"task\": \"compute_square\", \"args\": [1", 400);
        badSubmissions.put("{\"task\": \"no_such_task\", \"args\": [1]}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"args\": [1, 2, \"three\"]}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"args\": [1], \"chunksize\": 0}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"args\": [1], \"range\": \"1..3\"}", 400);
        badSubmissions.put("{\"task\": \"compute_square\"}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"range\": \"5..1\"}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"range\": \"a..b\"}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"range\": \"1..20000000\"}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"range\": \"1..3000000000\"}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"args\": [1], \"colour\": \"red\"}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"args\": [1], \"retries\": 101}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"args\": [1], \"taskTimeout\": \"0s\"}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"args\": [1], \"timeout\": \"soon\"}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"args\": [1], \"retention\": \"a week\"}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"args\": [1], \"retention\": 7}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"args\": [1], \"priority\": \"urgent\"}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"args\": [1], \"priority\": 9}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"args\": [1], \"mode\": \"reduce\"}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"args\": [1], \"chunksize\": \"4\"}", 400);
        badSubmissions.put("{\"task\": \"compute_square\", \"args\": 5}", 400);
        badSubmissions.put("{\"task\": \"compute_power\", \"mode\": \"starmap\", \"args\": [[2, 3], 4]}", 400);
        badSubmissions.put("{\"task\": \"compute_power\", \"mode\": \"starmap\", \"range\": \"1..3\"}", 400);
        badSubmissions.put("[1, 2]", 400);
        badSubmissions.put("", 400);
        badSubmissions.forEach((body, status) -> assertRefused(api.post("/api/jobs", body), status, body));

        assertTrue(api.post("/api/jobs", "{\"task\": \"compute_square\", \"args\": [1, 2, \"three\"]}").json()
                .get("error").asText().startsWith("argument 2: "));
        assertTrue(api.post("/api/jobs", "{\"task\": \"no_such_task\", \"args\": [1]}").json()
                .get("error").asText().contains("no_such_task"));
        assertEquals("field 'retention' must be a duration such as 12h or 7d, or 0 to keep the job forever; got '-1d'",
                api.post("/api/jobs", "{\"task\": \"compute_square\", \"args\": [1], \"retention\": \"-1d\"}")
                        .json().get("error").asText());
        assertEquals("field 'priority' must be one of low, normal, high; got 'urgent'",
                api.post("/api/jobs", "{\"task\": \"compute_square\", \"args\": [1], \"priority\": \"urgent\"}")
                        .json().get("error").asText());

        String big = "{\"task\": \"compute_square\", \"args\": [" + "1,".repeat(9 * 1024 * 1024) + "1]}";
        assertRefused(api.send(api.request("/api/jobs").header("Content-Type", "application/json").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(big)).build()), 413, "a 18 MiB body");
        assertRefused(api.send(api.request("/api/jobs").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"task\": \"compute_cube\", \"args\": [1]}")).build()),
                415, "text/plain");
        assertRefused(api.get("/api/jobs/nosuchjob"), 404, "unknown id");
        assertEquals("no job 'nosuchjob'", api.get("/api/jobs/nosuchjob").json().get("error").asText());
        assertRefused(api.get("/api/jobs/nosuchjob/results"), 404, "unknown id's results");
        assertRefused(api.post("/api/jobs/nosuchjob/cancel", ""), 404, "unknown id's cancel");
        assertRefused(api.get("/api/nothing/here"), 404, "unknown route");
        assertRefused(api.send(api.request("/api/jobs").DELETE().build()), 405, "DELETE /api/jobs");
        assertRefused(api.get("/api/jobs/nosuchjob/cancel"), 405, "GET cancel");
        assertRefused(api.get("/api/workers/scale"), 405, "GET scale");
        assertRefused(api.get("/api/jobs/x/results?order=sideways"), 400, "bad order");
        assertRefused(api.get("/api/jobs?limit=0"), 400, "limit 0");
        assertRefused(api.get("/api/jobs?before=yesterday"), 400, "bad cursor");
        assertRefused(api.post("/api/workers/scale", "{\"count\": 0}"), 400, "scale to 0");
        assertRefused(api.post("/api/workers/scale", "{\"count\": \"two\"}"), 400, "scale to a string");
        assertRefused(api.post("/api/workers/scale", "{\"workers\": 2}"), 400, "scale with an unknown field");

        assertEquals(jobsBefore, api.jobCount(), "a refused request stored a job");
    }

    private static void assertRefused(Answer answer, int status, String what) {
        assertEquals(status, answer.status(), what + " -> " + answer.body());
        assertNotNull(answer.json(), what + " -> " + answer.body());
        assertTrue(answer.json().has("error"), what + " -> " + answer.body());
        assertFalse(answer.body().contains("\n"), what + " -> " + answer.body());
        assertFalse(answer.json().get("error").asText().contains("\tat "), what + " -> " + answer.body());
    }

    private static long active(JsonNode workers) {
        int count = 0;
        for (JsonNode worker : workers) {
            String state = worker.get("state").asText();
            if (!state.equals("stopped") && !state.equals("draining")) {
                count++;
            }
        }
        return count;
    }

    /** Each bad value of {@code field} in an otherwise good submission gets a 400 naming the field. */
    private static void assertRefusedNamingTheFieldAndNothingStored(String field, List<String> badValues) {
        int jobsBefore = api.jobCount();
        for (String bad : badValues) {
            Answer answer = api.post("/api/jobs", "{\"task\": \"compute_cube\", \"args\": [2], \"" + field + "\": "
                    + bad + "}");
            assertRefused(answer, 400, field + " " + bad);
            assertTrue(answer.json().get("error").asText().contains(field), answer.body());
        }
        assertEquals(jobsBefore, api.jobCount(), "a refused request stored a job");
    }

    private static void awaitState(JsonNode job, String state) {
        await().atMost(JOB_WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> api.job(id(job)).get("state").asText(), state::equals);
    }

    /** Every result of a finished job in one order, by index, values as JSON text. */
    private static Map<Long, String> all(JsonNode job, String order) {
        JsonNode page = api.get("/api/jobs/" + id(job) + "/results?order=" + order + "&limit=10000").json();
        assertTrue(page.get("done").asBoolean(), page.toString());
        Map<Long, String> results = new LinkedHashMap<>();
        page.get("results").forEach(r -> results.put(r.get("index").asLong(), r.get("value").toString()));
        return results;
    }

    private static String id(JsonNode job) {
        return job.get("id").asText();
    }

    private static String repeat(int times, int value) {
        return IntStream.range(0, times).mapToObj(i -> Integer.toString(value))
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static List<Long> indexesBelow(int n) {
        return LongStream.range(0, n).boxed().toList();
    }
}
