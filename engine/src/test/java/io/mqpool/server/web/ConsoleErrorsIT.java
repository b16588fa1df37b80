package io.mqpool.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mqpool.server.HttpApiClient;
import io.mqpool.server.RunningServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** No page of the UI logs a console error: every page, after a job with failures has run. */
@ExtendWith(BrowserExtension.class)
class ConsoleErrorsIT {

    @RegisterExtension
    static final RunningServer server = RunningServer.withWorkers(1, "--bind", "127.0.0.1");
    private static final HttpApiClient api = server.api();

    @Test
    void noPageLogsAConsoleError(Browser browser) {
        String id = api.submitForId("{\"task\": \"compute_power\", \"mode\": \"starmap\", \"args\": [[2, 3], [2, -1]]}");
        api.awaitState(id, "FAILED", Duration.ofSeconds(60));
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String page : List.of("/", "/jobs", "/jobs/" + id, "/jobs/" + id + "?order=completion",
                "/jobs/" + id + "?only=failed", "/workers")) {
            browser.open(api.url(page));
            // The charts ask the API after the load: wait for one of those requests to end (the
            // workers page only long-polls, whose request ends late, so it waits for its load).
            int requests = page.equals("/") || page.equals("/workers") ? 0 : 1;
            browser.waitUntil(page + " has loaded and made " + requests + " API requests", () -> (Boolean) browser
                    .driver().executeScript("return document.readyState === 'complete' && performance"
                            + ".getEntriesByType('resource').filter(e => e.name.includes('/api/')).length >= "
                            + requests + ";"));
            List<String> logged = browser.takeConsoleErrors();
            if (!logged.isEmpty()) {
                errors.put(page, logged);
            }
        }
        assertEquals(Map.of(), errors);
    }
}
