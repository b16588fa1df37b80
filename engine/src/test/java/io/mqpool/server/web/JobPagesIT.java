package io.mqpool.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.server.HttpApiClient;
import io.mqpool.server.RunningServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The submit form, the jobs page and the job page of a real {@code mqpool server} (2 workers, on
 * 127.0.0.1), driven in headless Chromium: what a user sees and does, checked against the API.
 */
@ExtendWith(BrowserExtension.class)
class JobPagesIT {

    private static final Duration JOB_WAIT = Duration.ofSeconds(90);
    private static final Pattern JOB_PAGE = Pattern.compile(".*/jobs/([^/?#]+)$");

    @RegisterExtension
    static final RunningServer server = RunningServer.withWorkers(2, "--bind", "127.0.0.1");
    private static final HttpApiClient api = server.api();

    @Test
    void aCubeJobSubmittedThroughTheFormFinishesLiveAndShowsItsResultsInBothOrders(Browser browser) {
        // Both workers sleep 4 s first, so the page opens on a job that is not done yet.
        api.submitForId("{\"task\": \"long_running_task\", \"args\": [4, 4], \"chunksize\": 1}");

        browser.open(api.url("/"));
        assertNav(browser);
        new Select(browser.find("select#task")).selectByValue("compute_cube");
        browser.waitUntil("#task-signature shows compute_cube's signature", () -> !browser.find("#task-signature").getText().isBlank());
        browser.find("textarea#args").clear();
        browser.find("input#range").clear();
        browser.find("input#range").sendKeys("1..2000");
        new Select(browser.find("select#priority")).selectByValue("high");
        browser.screenshot("submit-form");
        browser.find("button#submit").click();

        String id = awaitJobPage(browser);
        browser.driver().executeScript("window.mqpoolNotReloaded = true;");
        WebElement progress = browser.find("progress#job-progress");
        assertEquals("2000", progress.getDomProperty("max"));
        double atLanding = Double.parseDouble(progress.getDomProperty("value"));
        assertTrue(atLanding < 2000, "the job was done before its page showed: " + atLanding);

        browser.waitUntil("progress#job-progress at 2000 of 2000", () -> "2000".equals(browser.find("progress#job-progress").getDomProperty("value")));
        browser.waitUntil("#job-state says completed", () -> text(browser, "#job-state").contains("completed"));
        assertEquals(Boolean.TRUE, browser.driver().executeScript("return window.mqpoolNotReloaded === true;"),
                "the page was reloaded");
        assertEquals("2000", browser.find("#job-done").getText().trim());
        assertEquals("2000", browser.find("#job-total").getText().trim());
        assertEquals("high", browser.find("#job-priority").getText().trim());
        browser.screenshot("job-page-completed");
        assertEquals("COMPLETED", api.job(id).get("state").asText());

        browser.find("a#order-input").click();
        List<Row> input = allRows(browser);
        assertEquals(2000, input.size());
        for (int i = 0; i < input.size(); i++) {
            assertEquals(i, input.get(i).index(), "input order");
            assertEquals(Long.toString(cube(i + 1)), input.get(i).value(), "index " + i);
        }

        browser.find("a#order-completion").click();
        assertTrue(browser.driver().getCurrentUrl().contains("order=completion"), browser.driver().getCurrentUrl());
        Map<Integer, String> byIndex = new HashMap<>();
        for (Row row : allRows(browser)) {
            assertEquals(null, byIndex.put(row.index(), row.value()), "index " + row.index() + " shown twice");
        }
        assertEquals(2000, byIndex.size());
        for (int i = 0; i < 2000; i++) {
            assertEquals(Long.toString(cube(i + 1)), byIndex.get(i), "index " + i);
        }
    }

    @Test
    void refusedArgumentsShowNextToTheirFieldKeepWhatWasTypedAndStoreNothing(Browser browser) {
        int before = api.jobCount();
        String typed = "[1, \"three\"]";
        HttpApiClient.Answer fromApi = api.post("/api/jobs", "{\"task\": \"compute_square\", \"args\": " + typed + "}");
        assertEquals(400, fromApi.status(), fromApi.body());

        browser.open(api.url("/"));
        new Select(browser.find("select#task")).selectByValue("compute_square");
        browser.find("input#range").clear();
        WebElement args = browser.find("textarea#args");
        args.clear();
        args.sendKeys(typed);
        // The refusal is the document's own status 400 (as the contract says), which Chromium logs.
        browser.expectConsoleError(Pattern.compile(
                "/jobs - Failed to load resource: the server responded with a status of 400"));
        browser.find("button#submit").click();

        browser.waitUntil("#error-args shows the error", () -> !browser.find("#error-args").getText().isBlank());
        String shown = browser.find("#error-args").getText();
        assertTrue(browser.find("#error-args").getDomAttribute("class").contains("field-error"));
        assertTrue(shown.contains(fromApi.json().get("error").asText()),
                "the form says '" + shown + "', the API said " + fromApi.body());
        assertEquals(typed, browser.find("textarea#args").getDomProperty("value"));
        assertEquals("compute_square", new Select(browser.find("select#task")).getFirstSelectedOption()
                .getDomProperty("value"));
        assertFalse(JOB_PAGE.matcher(browser.driver().getCurrentUrl()).matches(), browser.driver().getCurrentUrl());
        browser.screenshot("submit-refused");
        assertEquals(before, api.jobCount(), "a refused submit stored a job");
    }

    @Test
    void aFailedTaskShowsItsRemoteStackAndRetryFailedMakesAJobOfExactlyTheFailedIndexes(Browser browser) {
        String id = api.submitForId("{\"task\": \"compute_power\", \"mode\": \"starmap\","
                + " \"args\": [[2, 3], [2, -1], [3, 2], [2, -5], [5, 1]], \"retries\": 0}");
        api.awaitState(id, "FAILED", JOB_WAIT);

        browser.open(api.url("/jobs/" + id));
        assertNav(browser);
        browser.waitUntil("table#results shows 5 rows", () -> browser.findAll("table#results tr[data-index]").size() == 5);
        for (int failed : List.of(1, 3)) {
            WebElement row = browser.find("table#results tr[data-index='" + failed + "']");
            assertTrue(row.findElement(By.cssSelector(".error .error-type")).getDomProperty("textContent")
                    .contains("IllegalArgumentException"), row.getText());
            assertTrue(row.findElement(By.cssSelector(".error .error-message")).getDomProperty("textContent")
                    .contains("exponent must be 0 or more"), row.getText());
            String stack = row.findElement(By.cssSelector(".error pre.stack")).getDomProperty("textContent");
            assertTrue(stack.contains("io.mqpool.jobs.builtin.ComputePower.call"), stack);
        }
        assertEquals("8", browser.find("table#results tr[data-index='0'] .value").getText().trim());
        browser.screenshot("job-page-failures");

        // The stack may be folded away; one click on the row's toggle shows it.
        WebElement first = browser.find("table#results tr[data-index='1']");
        WebElement stack = first.findElement(By.cssSelector("pre.stack"));
        if (!stack.isDisplayed()) {
            first.findElement(By.cssSelector("summary, button, [aria-expanded]")).click();
        }
        browser.waitUntil("the stack of index 1 is shown", stack::isDisplayed);
        browser.screenshot("job-page-stack");

        browser.find("a#only-failed").click();
        browser.waitUntil("a#only-failed leads to ?only=failed", () -> browser.driver().getCurrentUrl().contains("only=failed"));
        assertEquals(List.of(1, 3), allRows(browser).stream().map(Row::index).toList());

        browser.find("button#retry-failed").click();
        browser.waitUntil("button#retry-failed lands on the new job's page", () -> {
            Matcher m = JOB_PAGE.matcher(browser.driver().getCurrentUrl());
            return m.matches() && !m.group(1).equals(id);
        });
        String retry = jobIdOf(browser);
        assertNotEquals(id, retry);
        JsonNode job = api.awaitState(retry, "FAILED", JOB_WAIT);
        assertEquals(2, job.get("total").asInt(), job.toString());
        assertEquals(id, job.get("retryOf").asText(), job.toString());
        assertEquals("[1,3]", job.get("sourceIndexes").toString(), job.toString());
        JsonNode results = api.get("/api/jobs/" + retry + "/results?order=input").json().get("results");
        assertTrue(results.get(0).get("error").get("message").asText().contains("got -1"), results.toString());
        assertTrue(results.get(1).get("error").get("message").asText().contains("got -5"), results.toString());
        browser.screenshot("job-page-retry");
    }

    @Test
    void aLongJobIsCancelledFromItsPage(Browser browser) {
        String id = api.submitForId("{\"task\": \"long_running_task\", \"args\": [5, 5, 5, 5, 5, 5], \"chunksize\": 1}");
        browser.open(api.url("/jobs/" + id));
        browser.waitUntil("#job-state says running", () -> text(browser, "#job-state").contains("running"));
        browser.find("button#cancel").click();

        api.awaitState(id, "CANCELLED", JOB_WAIT);
        browser.waitUntil("#job-state says cancelled", () -> text(browser, "#job-state").contains("cancelled"));
        assertTrue(api.job(id).get("done").asInt() < 6, api.job(id).toString());
        browser.screenshot("job-page-cancelled");
    }

    @Test
    void aFinishedJobIsDeletedFromItsPage(Browser browser) {
        String id = api.submitForId("{\"task\": \"compute_cube\", \"args\": [7]}");
        api.awaitState(id, "COMPLETED", JOB_WAIT);
        browser.open(api.url("/jobs/" + id));
        browser.find("button#delete").click();

        browser.waitUntil("button#delete lands on /jobs", () -> URI.create(browser.driver().getCurrentUrl()).getPath().equals("/jobs"));
        assertEquals(404, api.get("/api/jobs/" + id).status());
        assertTrue(browser.findAll("table#jobs tr[data-job-id='" + id + "']").isEmpty(), "the deleted job is listed");
    }

    @Test
    void theJobsPageListsTheJobsNewestFirst(Browser browser) {
        String older = api.submitForId("{\"task\": \"compute_cube\", \"args\": [1, 2, 3]}");
        String newer = api.submitForId("{\"task\": \"compute_cube\", \"args\": [4, 5]}");
        api.awaitState(newer, "COMPLETED", JOB_WAIT);
        api.awaitState(older, "COMPLETED", JOB_WAIT);

        browser.open(api.url("/jobs"));
        assertNav(browser);
        List<String> ids = browser.findAll("table#jobs tr[data-job-id]").stream()
                .map(r -> r.getDomAttribute("data-job-id")).toList();
        assertEquals(newer, ids.get(0), ids.toString());
        assertEquals(older, ids.get(1), ids.toString());
        WebElement row = browser.find("table#jobs tr[data-job-id='" + newer + "']");
        assertTrue(row.findElement(By.cssSelector(".task")).getText().contains("compute_cube"), row.getText());
        assertEquals("2", row.findElement(By.cssSelector("progress.job-progress")).getDomProperty("max"));
        browser.screenshot("jobs-page");
    }

    @Test
    void theOutcomesDownloadOfA100000TaskJobIsCompleteAndCorrect(Browser browser) throws IOException {
        String id = api.submitForId("{\"task\": \"compute_cube\", \"range\": \"1..100000\"}");
        api.awaitState(id, "COMPLETED", JOB_WAIT);
        browser.open(api.url("/jobs/" + id));
        String href = browser.find("a#download").getDomProperty("href");
        URI download = URI.create(href);
        assertEquals("/api/jobs/" + id + "/outcomes.jsonl", download.getPath());
        browser.screenshot("job-page-100000");

        HttpResponse<InputStream> response = api.stream(download);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"),
                response.headers().toString());
        long lines = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode outcome = api.mapper().readTree(line);
                assertEquals(lines, outcome.get("index").asLong(), line);
                assertEquals(cube(lines + 1), outcome.get("value").asLong(), line);
                lines++;
            }
        }
        assertEquals(100_000, lines);
    }

    /** A results row as shown: its index and its value's text (null for a failed task). */
    private record Row(int index, String value) {
    }

    /** Every row of {@code table#results}, following {@code a#results-next} to the last page. */
    private static List<Row> allRows(Browser browser) {
        List<Row> rows = new ArrayList<>();
        for (int page = 0; page < 100; page++) {
            browser.waitUntil("table#results is shown", () -> !browser.findAll("table#results").isEmpty());
            @SuppressWarnings("unchecked")
            List<List<Object>> shown = (List<List<Object>>) browser.driver().executeScript(
                    "return [...document.querySelectorAll('table#results tr[data-index]')].map(r => {"
                            + " const v = r.querySelector('.value');"
                            + " return [r.dataset.index, v ? v.textContent.trim() : null]; });");
            for (List<Object> row : shown) {
                rows.add(new Row(Integer.parseInt(String.valueOf(row.get(0))), (String) row.get(1)));
            }
            List<WebElement> next = browser.findAll("a#results-next");
            if (next.isEmpty() || next.get(0).getDomAttribute("href") == null) {
                return rows;
            }
            browser.open(next.get(0).getDomProperty("href"));
        }
        throw new AssertionError("paging did not end after 100 pages");
    }

    private static String awaitJobPage(Browser browser) {
        browser.waitUntil("the submit lands on /jobs/{id}", () -> JOB_PAGE.matcher(browser.driver().getCurrentUrl()).matches());
        browser.waitUntil("progress#job-progress is shown", () -> !browser.findAll("progress#job-progress").isEmpty());
        return jobIdOf(browser);
    }

    private static String jobIdOf(Browser browser) {
        Matcher m = JOB_PAGE.matcher(browser.driver().getCurrentUrl());
        assertTrue(m.matches(), browser.driver().getCurrentUrl());
        return m.group(1);
    }

    private static void assertNav(Browser browser) {
        for (String link : List.of("a#nav-submit", "a#nav-jobs", "a#nav-workers")) {
            assertFalse(browser.findAll(link).isEmpty(), "no " + link);
        }
    }

    private static String text(Browser browser, String css) {
        List<WebElement> found = browser.findAll(css);
        return found.isEmpty() ? "" : found.get(0).getText().toLowerCase(Locale.ROOT);
    }

    private static long cube(long n) {
        return n * n * n;
    }
}
