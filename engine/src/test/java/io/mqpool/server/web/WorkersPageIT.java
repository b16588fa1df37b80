package io.mqpool.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mqpool.server.HttpApiClient;
import io.mqpool.server.RunningServer;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/** The workers page of a real {@code mqpool server}: its table, and scaling from it. */
@ExtendWith(BrowserExtension.class)
class WorkersPageIT {

    @RegisterExtension
    static final RunningServer server = RunningServer.withWorkers(2, "--bind", "127.0.0.1");
    private static final HttpApiClient api = server.api();

    @Test
    void scalesFromTwoWorkersToThreeAndBack(Browser browser) {
        browser.open(api.url("/workers"));
        for (String link : new String[] {"a#nav-submit", "a#nav-jobs", "a#nav-workers"}) {
            assertFalse(browser.findAll(link).isEmpty(), "no " + link);
        }
        browser.waitUntil("table#workers shows 2 active workers", () -> activeRows(browser) == 2);
        assertEquals(2, api.activeWorkers());
        browser.screenshot("workers-page-2");

        scaleTo(browser, 3);
        browser.waitUntil("the server has 3 active workers", () -> api.activeWorkers() == 3);
        browser.waitUntil("table#workers shows 3 active workers", () -> activeRows(browser) == 3);
        browser.screenshot("workers-page-3");

        scaleTo(browser, 2);
        browser.waitUntil("the server has 2 active workers", () -> api.activeWorkers() == 2);
        browser.waitUntil("table#workers shows 2 active workers", () -> activeRows(browser) == 2);
        browser.screenshot("workers-page-back-to-2");
        // The third worker drains and exits: two worker processes are left.
        browser.waitUntil("two worker processes are left", () -> server.process().workerPids().size() == 2);
    }

    private static void scaleTo(Browser browser, int count) {
        WebElement field = browser.find("form#scale-form input#scale-count");
        field.clear();
        field.sendKeys(Integer.toString(count));
        browser.find("form#scale-form button#scale-submit").click();
    }

    /** Rows of {@code table#workers} for workers that are neither stopped nor draining. */
    private static long activeRows(Browser browser) {
        return browser.findAll("table#workers tr[data-worker-id]").stream()
                .map(r -> r.getText().toLowerCase(Locale.ROOT))
                .filter(t -> !t.contains("stopped") && !t.contains("draining"))
                .count();
    }
}
