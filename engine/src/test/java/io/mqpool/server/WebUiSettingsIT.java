package io.mqpool.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.server.PageClient.Page;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages of a read-only server and of one behind a base path, over real HTTP. */
class WebUiSettingsIT {

    private static final Pattern LINK = Pattern.compile("(?:href|src|action|data-api|data-src)=\"(?!data:)([^\"]*)\"");

    @Test
    void aReadOnlyServerRendersEveryPageWithoutActionsAndRefusesEveryPagePost(@TempDir Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, 1,
                "--read-only")) {
            HttpApiClient api = new HttpApiClient(server.url());
            PageClient browser = new PageClient(server.url());
            Page submit = browser.get("/");
            Page jobs = browser.get("/jobs");
            Page workers = browser.get("/workers");

            assertEquals(200, submit.status());
            assertTrue(submit.body().contains("<button id=\"submit\" type=\"submit\" disabled"), "submit disabled");
            assertTrue(submit.body().contains("id=\"read-only\""), "says so");
            assertEquals(200, jobs.status());
            assertFalse(jobs.body().contains("id=\"rerun-failed\""));
            assertEquals(200, workers.status());
            assertFalse(workers.body().contains("id=\"scale-form\""));
            for (String path : List.of("/jobs", "/workers/scale", "/jobs/x/cancel", "/jobs/x/delete",
                    "/jobs/x/retry-failed", "/jobs/retry-failed")) {
                Page refused = browser.postForm(path, Map.of("task", "compute_cube", "range", "1..2", "count", "2"));
                assertEquals(403, refused.status(), path);
                assertTrue(refused.body().contains("this server is read-only"), path + ": " + refused.body());
            }
            assertEquals(0, api.jobCount());
        }
    }

    @Test
    void behindABasePathEveryLinkAssetFormAndRedirectOfThePagesIsUnderIt(@TempDir Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, 1,
                "--base-path", "/mqpool")) {
            PageClient browser = new PageClient(server.url());
            Page submit = browser.get("/mqpool/");
            assertEquals(200, submit.status(), submit.body());
            assertUnderBase(submit.body());

            Page submitted = browser.postMultipart("/mqpool/jobs", Map.of("task", "compute_cube", "range", "1..5"),
                    null);
            assertEquals(303, submitted.status(), submitted.body());
            assertTrue(submitted.location().startsWith("/mqpool/jobs/"), submitted.location());
            for (String page : List.of(submitted.location(), "/mqpool/jobs", "/mqpool/workers")) {
                Page shown = browser.get(page);
                assertEquals(200, shown.status(), page);
                assertUnderBase(shown.body());
            }
            assertEquals(200, browser.get("/mqpool/assets/ui.js").status());
            assertEquals(404, browser.get("/jobs").status(), "nothing outside the base path");
        }
    }

    private static void assertUnderBase(String html) {
        Matcher m = LINK.matcher(html);
        int links = 0;
        while (m.find()) {
            links++;
            assertTrue(m.group(1).startsWith("/mqpool/"), "not under the base path: " + m.group(0));
        }
        assertTrue(links > 3, "links found: " + links);
    }
}
