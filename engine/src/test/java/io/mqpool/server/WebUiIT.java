package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.server.PageClient.FileField;
import io.mqpool.server.PageClient.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The web UI's pages and forms over real HTTP against a real {@code mqpool server} with 2 workers. */
class WebUiIT {

    private static final Duration JOB_WAIT = Duration.ofSeconds(30);
    private static final Pattern ROW_INDEX = Pattern.compile("<tr data-index=\"(\\d+)\"");

    @RegisterExtension
    static final RunningServer server = RunningServer.withWorkers(2);
    private static final HttpApiClient api = server.api();

    @Test
    void theRootServesTheSubmitFormWithEveryFieldACsrfTokenAndItsAssets() {
        PageClient browser = new PageClient(server.url());
        Page form = browser.get("/");
        assertEquals(200, form.status());
        for (String id : List.of("submit-form", "task", "task-signature", "task-example", "args", "range",
                "input-file", "mode", "chunksize", "taskTimeout", "timeout", "retries", "priority", "retention", "submit",
                "nav-submit",
                "nav-jobs", "nav-workers")) {
            assertTrue(form.body().contains("id=\"" + id + "\""), "no #" + id);
            assertTrue(id.startsWith("nav-") || id.startsWith("task-") || id.equals("submit-form")
                    || id.equals("submit") || form.body().contains("<label for=\"" + (id.equals("input-file")
                    ? "input-file" : id) + "\""), "no label for #" + id);
        }
        assertTrue(form.body().contains("enctype=\"multipart/form-data\""));
        assertTrue(browser.csrf().length() >= 32);
        assertEquals(200, browser.get("/assets/ui.css").status());
        assertEquals(200, browser.get("/assets/ui.js").status());
        assertEquals(404, browser.get("/assets/nothing.js").status());
    }

    @Test
    void aRefusedSubmitRerendersTheFormWithWhatWasTypedAndTheApisMessageNextToTheArgumentsAndStoresNothing() {
        String apiMessage = api.post("/api/jobs", "{\"task\": \"compute_square\", \"args\": [1, \"three\"]}")
                .json().get("error").asText();
        int jobs = api.jobCount();
        PageClient browser = new PageClient(server.url());
        browser.get("/");

        Page refused = browser.postMultipart("/jobs", Map.of("task", "compute_square", "args", "[1, \"three\"]",
                "mode", "map", "chunksize", "7"), null);

        assertEquals(400, refused.status());
        assertEquals(escape(apiMessage), errorText(refused, "args"));
        assertTrue(refused.body().contains(">[1, &quot;three&quot;]</textarea>"), "the arguments as typed");
        assertTrue(refused.body().contains("id=\"chunksize\" name=\"chunksize\" inputmode=\"numeric\" "
                + "placeholder=\"auto\" value=\"7\""), "the chunksize as typed");
        assertTrue(refused.body().contains("value=\"compute_square\" data-signature"), refused.body());
        assertTrue(refused.body().matches("(?s).*<option value=\"compute_square\"[^>]* selected>.*"));
        assertEquals(jobs, api.jobCount());
    }

    @Test
    void eachRefusalIsShownNextToTheFieldItConcerns() {
        PageClient browser = new PageClient(server.url());
        browser.get("/");
        assertEquals("range &#39;9..1&#39; runs backwards; write it ascending, such as 1..9",
                errorText(browser.postMultipart("/jobs", Map.of("task", "compute_cube", "range", "9..1"), null),
                        "range"));
        assertTrue(errorText(browser.postMultipart("/jobs", Map.of("task", "no_such_task", "range", "1..2"), null),
                "task").contains("no_such_task"));
        assertEquals("retries must be between 0 and 100, got 500", errorText(browser.postMultipart("/jobs",
                Map.of("task", "compute_cube", "range", "1..2", "retries", "500"), null), "retries"));
        assertTrue(errorText(browser.postMultipart("/jobs", Map.of("task", "compute_cube", "range", "1..2",
                "taskTimeout", "soon"), null), "taskTimeout").startsWith("field &#39;taskTimeout&#39;"));
        assertTrue(errorText(browser.postMultipart("/jobs", Map.of("task", "compute_cube"), null), "args")
                .startsWith("give exactly one of"));
    }

    @Test
    void aValidSubmitLandsOnTheNewJobsPageWithItsResults() {
        PageClient browser = new PageClient(server.url());
        browser.get("/");

        Page submitted = browser.postMultipart("/jobs", Map.of("task", "compute_cube", "range", "1..20",
                "mode", "map", "chunksize", "3", "retries", "1"), null);

        assertEquals(303, submitted.status(), submitted.body());
        String id = submitted.location().substring("/jobs/".length());
        JsonNode job = api.job(id);
        assertEquals(20, job.get("total").asInt());
        assertEquals(3, job.get("chunksize").asInt());
        assertEquals(1, job.get("retries").asInt());
        awaitFinished(id);
        Page page = browser.get(submitted.location());
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<span id=\"job-state\" class=\"state-completed\">COMPLETED</span>"));
        assertTrue(page.body().contains("<span id=\"job-done\">20</span>"));
        assertTrue(page.body().contains("<tr data-index=\"19\"><td>19</td><td class=\"value\"><code>8000</code>"));
    }

    @Test
    void theFormSetsPriorityAndRetentionAndRefusesABadRetentionNextToIt() {
        PageClient browser = new PageClient(server.url());
        assertTrue(browser.get("/").body().contains("<option value=\"normal\" selected>normal</option>"),
                "normal is chosen unless the user picks another");

        Page submitted = browser.postMultipart("/jobs", Map.of("task", "compute_cube", "range", "1..4",
                "priority", "high", "retention", "30d"), null);
        assertEquals(303, submitted.status(), submitted.body());
        JsonNode job = api.job(submitted.location().substring("/jobs/".length()));
        assertEquals("high", job.get("priority").asText());
        assertEquals("720h", job.get("retention").asText());

        int jobs = api.jobCount();
        Page refused = browser.postMultipart("/jobs", Map.of("task", "compute_cube", "range", "1..4",
                "priority", "low", "retention", "a month"), null);
        assertEquals(400, refused.status());
        assertTrue(errorText(refused, "retention").startsWith("field &#39;retention&#39; must be a duration"),
                refused.body());
        assertTrue(refused.body().contains("<option value=\"low\" selected>low</option>"), "the priority as chosen");
        assertEquals(jobs, api.jobCount());
    }

    @Test
    void theFormSetsMaxInFlightAndRetryTimeoutsAndRefusesABadMaxInFlightNextToIt() {
        PageClient browser = new PageClient(server.url());
        browser.get("/");

        Page submitted = browser.postMultipart("/jobs", Map.of("task", "compute_cube", "range", "1..4",
                "maxInFlight", "2", "retryTimeouts", "true"), null);
        assertEquals(303, submitted.status(), submitted.body());
        JsonNode job = api.job(submitted.location().substring("/jobs/".length()));
        assertEquals(2, job.get("maxInFlight").asInt());
        assertTrue(job.get("retryTimeouts").booleanValue());

        int jobs = api.jobCount();
        Page refused = browser.postMultipart("/jobs", Map.of("task", "compute_cube", "range", "1..4",
                "maxInFlight", "0", "retryTimeouts", "true"), null);
        assertEquals(400, refused.status());
        assertTrue(errorText(refused, "maxInFlight").startsWith("maxInFlight must be at least 1, got 0"));
        assertTrue(refused.body().contains("id=\"retryTimeouts\" name=\"retryTimeouts\" type=\"checkbox\" "
                + "value=\"true\" checked"), "the box as ticked");
        assertEquals(jobs, api.jobCount());
    }

    @Test
    void aPagePostWithoutTheSessionsCsrfTokenIsRefused403AndStoresNothing() {
        int jobs = api.jobCount();
        PageClient browser = new PageClient(server.url());
        browser.get("/");

        Page forged = browser.postRaw("/jobs", Map.of("task", "compute_cube", "range", "1..3", "csrf",
                "x".repeat(43)));
        Page tokenless = new PageClient(server.url()).postRaw("/jobs", Map.of("task", "compute_cube",
                "range", "1..3"));

        assertEquals(403, forged.status());
        assertEquals(403, tokenless.status());
        assertTrue(forged.body().contains("security token"), forged.body());
        assertEquals(jobs, api.jobCount());
    }

    @Test
    void aJsonlUploadSkipsBlankLinesAndARefusedLineIsNamedNextToTheFileField() {
        PageClient browser = new PageClient(server.url());
        browser.get("/");
        int jobs = api.jobCount();

        Page notJson = browser.postMultipart("/jobs", Map.of("task", "compute_cube"),
                new FileField("input", "args.jsonl", "1\n\n2\n{oops\n"));
        Page wrongType = browser.postMultipart("/jobs", Map.of("task", "compute_cube"),
                new FileField("input", "args.jsonl", "1\n\n\"two\"\n"));

        assertEquals(400, notJson.status());
        assertTrue(errorText(notJson, "input").startsWith("line 4 of args.jsonl is not JSON"), notJson.body());
        assertTrue(errorText(wrongType, "input").startsWith("line 3: argument 1: "), wrongType.body());
        assertEquals(jobs, api.jobCount());

        Page accepted = browser.postMultipart("/jobs", Map.of("task", "compute_cube"),
                new FileField("input", "args.jsonl", "2\n\n3\r\n\n4\n"));
        assertEquals(303, accepted.status(), accepted.body());
        String id = accepted.location().substring("/jobs/".length());
        awaitFinished(id);
        JsonNode results = api.get("/api/jobs/" + id + "/results").json().get("results");
        assertEquals("[8,27,64]", valuesOf(results));
    }

    @Test
    void theJobPageShowsEachFailureWithItsTypeMessageStackArgumentAndAttemptsAndCanShowOnlyFailures() {
        String id = api.submit("{\"task\": \"echo\", \"args\": [1, 2, 3]}").get("id").asText();
        String failing = api.submit("{\"task\": \"fail_on_purpose\", \"args\": [\"<b>one</b>\", \"two\"]}")
                .get("id").asText();
        awaitFinished(id);
        awaitFinished(failing);
        PageClient browser = new PageClient(server.url());

        Page page = browser.get("/jobs/" + failing);

        assertTrue(page.body().contains("<span class=\"error-type\">java.lang.IllegalStateException</span>"));
        assertTrue(page.body().contains("<span class=\"error-message\">failed on purpose: &lt;b&gt;one&lt;/b&gt;"
                + "</span>"), "escaped");
        assertFalse(page.body().contains("<b>one</b>"), "user text is never markup");
        assertTrue(page.body().contains("<code class=\"argument\">&quot;&lt;b&gt;one&lt;/b&gt;&quot;</code>"));
        assertTrue(page.body().contains("<span class=\"attempts\">1</span>"));
        assertTrue(page.body().contains("<pre class=\"stack\">java.lang.IllegalStateException: failed on purpose"));
        assertTrue(page.body().contains("at io.mqpool.jobs.builtin.FailOnPurpose.call"));
        assertTrue(page.body().contains("id=\"retry-failed\""));
        assertTrue(page.body().contains("id=\"delete\""));
        assertFalse(page.body().contains("id=\"cancel\""), "a finished job cannot be cancelled");
        assertTrue(page.body().contains("id=\"download\" href=\"/api/jobs/" + failing + "/outcomes.jsonl\""));
        assertEquals(List.of(0L, 1L, 2L), indexes(browser.get("/jobs/" + id).body()));
        assertEquals(List.of(), indexes(browser.get("/jobs/" + id + "?only=failed").body()));
        assertEquals(List.of(0L, 1L), indexes(browser.get("/jobs/" + failing + "?only=failed").body()));
    }

    @Test
    void theJobPagePagesAThousandOutcomesAtATimeByTheResultsCursorInBothOrders() {
        pagesAThousandAtATime(100);
    }

    @Test
    void aChunkLargerThanAPageIsStillShownAThousandOutcomesAtATime() {
        pagesAThousandAtATime(2500);
    }

    private static void pagesAThousandAtATime(int chunksize) {
        String id = api.submit("{\"task\": \"compute_cube\", \"range\": \"0..2499\", \"chunksize\": "
                + chunksize + "}").get("id").asText();
        awaitFinished(id);
        PageClient browser = new PageClient(server.url());
        for (String order : List.of("input", "completion")) {
            List<Long> seen = new ArrayList<>();
            String path = "/jobs/" + id + "?order=" + order;
            List<Integer> pageSizes = new ArrayList<>();
            while (path != null) {
                Page page = browser.get(path);
                assertEquals(200, page.status(), page.body());
                List<Long> indexes = indexes(page.body());
                pageSizes.add(indexes.size());
                seen.addAll(indexes);
                Matcher next = Pattern.compile("id=\"results-next\" href=\"([^\"]+)\"").matcher(page.body());
                path = next.find() ? next.group(1).replace("&amp;", "&") : null;
            }
            assertEquals(List.of(1000, 1000, 500), pageSizes.subList(0, 3), order);
            assertEquals(2500, seen.stream().distinct().count(), order);
            if (order.equals("input")) {
                assertEquals(java.util.stream.LongStream.range(0, 2500).boxed().toList(), seen);
            }
        }
    }

    @Test
    void theJobsPageListsJobsNewestFirstFiltersByStateAndPagesByCursor() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.submit("{\"task\": \"compute_cube\", \"args\": [" + i + "]}").get("id").asText());
        }
        ids.forEach(WebUiIT::awaitFinished);
        PageClient browser = new PageClient(server.url());

        Page jobs = browser.get("/jobs");

        assertEquals(200, jobs.status());
        int newest = jobs.body().indexOf("data-job-id=\"" + ids.get(2) + "\"");
        int oldest = jobs.body().indexOf("data-job-id=\"" + ids.get(0) + "\"");
        assertTrue(newest > 0 && newest < oldest, "newest first");
        for (String part : List.of("id=\"state-filter\"", "id=\"task-search\"", "id=\"rerun-failed\"",
                "id=\"throughput-chart\"", "class=\"select-job\"", "class=\"job-progress\" value=\"1\" max=\"1\"",
                "<span class=\"counts\">1 / 1, 0 failed</span>")) {
            assertTrue(jobs.body().contains(part), part);
        }
        assertFalse(browser.get("/jobs?state=FAILED").body().contains("data-job-id=\"" + ids.get(0) + "\""));
        assertTrue(browser.get("/jobs?state=COMPLETED").body().contains("data-job-id=\"" + ids.get(0) + "\""));
        assertEquals(400, browser.get("/jobs?state=SLEEPING").status());
    }

    @Test
    void theWorkersPageListsTheWorkersAndItsFormScalesThem() {
        PageClient browser = new PageClient(server.url());
        Page page = browser.get("/workers");
        assertEquals(200, page.status());
        assertEquals(2, count(page.body(), "<tr data-worker-id="));
        assertTrue(page.body().contains("id=\"scale-count\" name=\"count\" type=\"number\" min=\"1\" max=\"1024\" "
                + "value=\"2\""));

        Page scaled = browser.postForm("/workers/scale", Map.of("count", "3"));
        assertEquals(303, scaled.status(), scaled.body());
        await().atMost(JOB_WAIT).until(() -> api.get("/api/status").json().get("workers").asInt() == 3);
        assertEquals(400, browser.postForm("/workers/scale", Map.of("count", "zero")).status());
        assertEquals(303, browser.postForm("/workers/scale", Map.of("count", "2")).status());
        await().atMost(JOB_WAIT).until(() -> api.get("/api/status").json().get("workers").asInt() == 2);
    }

    @Test
    void theCancelButtonCancelsARunningJob() {
        String id = api.submit("{\"task\": \"sleep_millis\", \"range\": \"1000..1040\", \"chunksize\": 1}")
                .get("id").asText();
        PageClient browser = new PageClient(server.url());
        assertTrue(browser.get("/jobs/" + id).body().contains("id=\"cancel\""));

        Page cancelled = browser.postForm("/jobs/" + id + "/cancel", Map.of());

        assertEquals(303, cancelled.status());
        assertEquals("/jobs/" + id, cancelled.location());
        assertEquals("CANCELLED", api.job(id).get("state").asText());
    }

    @Test
    void reRunFailedLandsOnANewJobOfExactlyTheFailedTasksAndDeleteLandsOnTheJobsPage() {
        String id = api.submit("{\"task\": \"compute_power\", \"mode\": \"starmap\", \"chunksize\": 2, "
                + "\"args\": [[2, 3], [2, -1], [3, 2], [2, -5]]}").get("id").asText();
        awaitFinished(id);
        PageClient browser = new PageClient(server.url());
        assertEquals(List.of(1L, 3L), indexes(browser.get("/jobs/" + id + "?only=failed").body()));

        Page retried = browser.postForm("/jobs/" + id + "/retry-failed", Map.of());

        assertEquals(303, retried.status(), retried.body());
        String retryId = retried.location().substring("/jobs/".length());
        JsonNode retry = api.job(retryId);
        assertEquals(id, retry.get("retryOf").asText());
        assertEquals("[1,3]", retry.get("sourceIndexes").toString());
        awaitFinished(retryId);
        assertTrue(browser.get(retried.location()).body().contains("<dd id=\"job-retry-of\"><a href=\"/jobs/"
                + id + "\">"));

        Page deleted = browser.postForm("/jobs/" + retryId + "/delete", Map.of());
        assertEquals(303, deleted.status(), deleted.body());
        assertEquals("/jobs", deleted.location());
        assertEquals(404, api.get("/api/jobs/" + retryId).status());
        assertEquals(404, browser.postForm("/jobs/" + retryId + "/delete", Map.of()).status());
    }

    @Test
    void theBulkActionReRunsTheFailedTasksOfTheSelectedJobsAndSkipsTheOthers() {
        String failing = api.submit("{\"task\": \"fail_on_purpose\", \"args\": [\"a\"]}").get("id").asText();
        String fine = api.submit("{\"task\": \"compute_cube\", \"args\": [2]}").get("id").asText();
        awaitFinished(failing);
        awaitFinished(fine);
        PageClient browser = new PageClient(server.url());
        browser.get("/jobs");

        Page nothing = browser.postForm("/jobs/retry-failed", Map.of("ids", fine));
        Page rerun = browser.postRaw("/jobs/retry-failed", Map.of("csrf", browser.csrf(), "ids", failing));

        assertEquals(409, nothing.status());
        assertTrue(nothing.body().contains("has no failed task"), nothing.body());
        assertEquals(303, rerun.status(), rerun.body());
        assertEquals(failing, api.job(rerun.location().substring("/jobs/".length())).get("retryOf").asText());
    }

    @Test
    void anUnknownJobIsA404Page() {
        Page page = new PageClient(server.url()).get("/jobs/nosuchjob");
        assertEquals(404, page.status());
        assertTrue(page.body().contains("<p id=\"error-message\" class=\"field-error\" role=\"alert\">"
                + "no job &#39;nosuchjob&#39;</p>"), page.body());
        assertNotNull(api.get("/api/jobs/nosuchjob").json(), "the API keeps answering JSON");
        assertNull(new PageClient(server.url()).get("/jobs/nosuchjob").location());
    }

    private static String errorText(Page page, String field) {
        Matcher m = Pattern.compile("<p id=\"error-" + field + "\" class=\"field-error\" role=\"alert\">(.*?)</p>")
                .matcher(page.body());
        assertTrue(m.find(), "no #error-" + field + " in " + page.body());
        return m.group(1);
    }

    private static List<Long> indexes(String html) {
        List<Long> found = new ArrayList<>();
        Matcher m = ROW_INDEX.matcher(html);
        while (m.find()) {
            found.add(Long.parseLong(m.group(1)));
        }
        return found;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    private static String valuesOf(JsonNode results) {
        List<String> values = new ArrayList<>();
        results.forEach(r -> values.add(r.get("value").toString()));
        return "[" + String.join(",", values) + "]";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static void awaitFinished(String id) {
        await().atMost(JOB_WAIT).until(() -> !api.job(id).get("state").asText().equals("RUNNING"));
    }
}
