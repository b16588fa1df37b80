package io.mqpool.server.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The browser harness itself: a page renders, its console errors are read, screenshots are saved. */
@ExtendWith(BrowserExtension.class)
class BrowserHarnessIT {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void rendersAPageAndSavesItsScreenshot(Browser browser) throws IOException {
        browser.open("data:text/html,<title>harness</title><h1 id=hello>Hello from Chromium</h1>");
        assertEquals("Hello from Chromium", browser.find("#hello").getText());
        assertEquals("harness", browser.driver().getTitle());

        Path shot = browser.screenshot("harness");
        assertEquals(Path.of("target", "ui-screenshots", "harness.png"), shot);
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(shot), 4));
        assertTrue(Files.size(shot) > 1_000, "a 1280x1400 screenshot of " + Files.size(shot) + " bytes");
        assertTrue(browser.takeConsoleErrors().isEmpty());
    }

    @Test
    void readsTheConsoleErrorsAPageLogged(Browser browser) {
        browser.open("data:text/html,<script>console.error('broken on purpose')</script>");
        List<String> errors = browser.takeConsoleErrors();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("broken on purpose"), errors.toString());
        assertTrue(browser.takeConsoleErrors().isEmpty(), "read once");

        browser.expectConsoleError(Pattern.compile("on purpose"));
        browser.open("data:text/html,<script>console.error('expected on purpose');console.error('not expected')</script>");
        assertEquals(List.of("not expected"), browser.takeConsoleErrors().stream()
                .map(e -> e.replaceAll(".*'?\"?(not expected)\"?'?.*", "$1")).toList());
    }

    @Test
    void runsDebiansChromiumThroughItsChromedriver(Browser browser) {
        assertFalse(browser.pids().isEmpty());
        List<String> commands = browser.pids().stream().map(ProcessHandle::of)
                .flatMap(p -> p.flatMap(h -> h.info().command()).stream()).toList();
        assertTrue(commands.stream().anyMatch(c -> c.endsWith("chromedriver")), commands.toString());
        assertTrue(commands.stream().anyMatch(c -> c.startsWith("/usr/lib/chromium/")), commands.toString());
        String version = String.valueOf(browser.driver().getCapabilities().getCapability("browserVersion"));
        assertTrue(version.matches("\\d+\\..*"), version);
    }
}
