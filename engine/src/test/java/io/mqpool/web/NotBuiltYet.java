package io.mqpool.web;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The console errors that come from parts of issue 11 not built yet, and only those (today: the
 * favicon): the page tests let them pass so they can check everything else, and
 * {@link ConsoleErrorsIT} (disabled until they are built) checks that no page logs any. Delete an
 * entry when its part lands.
 */
final class NotBuiltYet {

    static final List<Pattern> CONSOLE_ERRORS = List.of(
            // No favicon (ui): Chromium asks for /favicon.ico unless the page links an icon.
            Pattern.compile("/favicon.ico - Failed to load resource: the server responded with a status of 404"));

    private NotBuiltYet() {
    }

    /** Lets the console errors above pass during the current test. */
    static void tolerate(Browser browser) {
        CONSOLE_ERRORS.forEach(browser::expectConsoleError);
    }
}
