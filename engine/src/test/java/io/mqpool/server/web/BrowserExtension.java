package io.mqpool.server.web;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class one headless {@link Browser} (a parameter of any test, {@code @BeforeEach}
 * or {@code @AfterAll} method) and quits it after the class.
 *
 * <ul>
 *   <li>Without {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} the whole class is
 *       skipped, with one line on standard output saying what to install: {@code mvn verify}
 *       still passes on a machine without them.</li>
 *   <li>After each test it saves a screenshot as {@code target/ui-screenshots/<Class>.<test>.png}
 *       and fails the test if the page logged a console error since the previous test; then it
 *       leaves the page, so that no long poll of it holds up the server's stop.</li>
 * </ul>
 *
 * <pre>{@code
 * @ExtendWith(BrowserExtension.class)
 * class JobPageIT {
 *     @Test
 *     void showsTheJob(Browser browser) { browser.open(url); ... }
 * }
 * }</pre>
 */
public final class BrowserExtension
        implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, AfterEachCallback, ParameterResolver {

    static final String MISSING = "skipped: browser tests need Debian's chromium and chromium-driver"
            + " (apt-get install chromium chromium-driver)";

    private static final Namespace NAMESPACE = Namespace.create(BrowserExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Browser.available()) {
            return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
        }
        if (context.getTestMethod().isEmpty()) {
            // Once per class, on stdout, so a developer sees why no browser test ran.
            System.out.println(MISSING + ": " + context.getDisplayName());
        }
        return ConditionEvaluationResult.disabled(MISSING);
    }

    /** Starts the browser; blocks for a few seconds. */
    @Override
    public void beforeAll(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName();
        context.getStore(NAMESPACE).put(Browser.class, Browser.start(name));
    }

    /** Quits the browser and removes its profile; blocks up to ~10 s. */
    @Override
    public void afterAll(ExtensionContext context) {
        Browser browser = context.getStore(NAMESPACE).remove(Browser.class, Browser.class);
        if (browser != null) {
            browser.close();
        }
    }

    /**
     * Saves the window as {@code <Class>.<test>.png}, then fails the test if the browser logged
     * console errors during it.
     */
    @Override
    public void afterEach(ExtensionContext context) {
        Browser browser = browser(context);
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        browser.screenshot(name);
        List<String> errors = browser.takeConsoleErrors();
        browser.forgetExpectedConsoleErrors();
        // Leave the page: its open live-update requests (long polls) would hold up a server's stop.
        browser.open("about:blank");
        if (!errors.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError("the browser console logged errors during " + name + ": " + errors);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return browser(context);
    }

    private static Browser browser(ExtensionContext context) {
        Browser browser = context.getStore(NAMESPACE).get(Browser.class, Browser.class);
        if (browser == null) {
            throw new IllegalStateException("no browser: use @ExtendWith(BrowserExtension.class) on the class");
        }
        return browser;
    }
}
