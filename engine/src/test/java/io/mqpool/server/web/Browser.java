package io.mqpool.server.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven through {@code /usr/bin/chromedriver}, with a fresh profile
 * directory. Nothing is downloaded: the driver executable is given to the driver service, so
 * Selenium Manager (which would look for, and download, a driver and a browser) is never run.
 *
 * <p>Not thread-safe: one test class drives it at a time. {@link #close()} quits the browser,
 * stops chromedriver, kills whatever of them is left and deletes the profile.
 */
public final class Browser implements AutoCloseable {

    /** Debian's paths; the properties exist only to try the skip on a machine that has them. */
    static final Path CHROMIUM = Path.of(System.getProperty("mqpool.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("mqpool.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    /** How long a wait for the page lasts at most: CI has 2 cores shared with worker JVMs. */
    static final Duration WAIT = Duration.ofSeconds(60);

    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--window-size=1280,1400");

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final Set<ProcessHandle> processes;
    private final List<Pattern> expectedErrors = new ArrayList<>();

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile, Set<ProcessHandle> processes) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
        this.processes = processes;
    }

    /** True when Debian's {@code chromium} and {@code chromium-driver} packages are installed. */
    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Starts chromedriver and a headless Chromium. Blocks until the browser session is open (a few
     * seconds).
     *
     * @param logName the chromedriver log goes to {@code target/chromedriver-<logName>.log}
     * @throws UncheckedIOException if the profile directory cannot be made
     */
    static Browser start(String logName) {
        Path profile;
        try {
            profile = Files.createTempDirectory("mqpool-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a Chromium profile directory", e);
        }
        Set<ProcessHandle> before = children();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target", "chromedriver-" + logName + ".log"))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            Set<ProcessHandle> started = children().stream().filter(p -> !before.contains(p))
                    .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                    .collect(Collectors.toSet());
            return new Browser(driver, service, profile, started);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code url} and blocks until its document has loaded. */
    public void open(URI url) {
        open(url.toString());
    }

    /** Opens {@code url} (any URL Chromium takes, such as a {@code data:} one) and blocks until it has loaded. */
    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** A wait on the page of at most {@link #WAIT}, polling every 100 ms. */
    public WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.pollingEvery(Duration.ofMillis(100));
        return wait;
    }

    /**
     * Blocks until {@code condition} holds (at most {@link #WAIT}, polling every 100 ms; a
     * missing element counts as not yet).
     *
     * @throws org.openqa.selenium.TimeoutException naming {@code what} and the page's URL
     */
    public void waitUntil(String what, BooleanSupplier condition) {
        waiting().withMessage(() -> what + " (on " + driver.getCurrentUrl() + ")")
                .ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    /**
     * Saves what the window shows now as {@code target/ui-screenshots/<name>.png}.
     *
     * @return the file
     */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.move(shot, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save screenshot " + name, e);
        }
    }

    /**
     * The console messages of level SEVERE (errors, failed loads, uncaught exceptions) logged
     * since the last call to this method, less those {@linkplain #expectConsoleError expected}.
     * Does not block.
     */
    public List<String> takeConsoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(e -> e.getLevel() + " " + e.getMessage())
                .filter(m -> expectedErrors.stream().noneMatch(p -> p.matcher(m).find()))
                .toList();
    }

    /**
     * Lets console errors that {@code pattern} finds pass until the current test ends: for one the
     * test causes on purpose, such as the document's own 400 when a form is refused.
     */
    public void expectConsoleError(Pattern pattern) {
        expectedErrors.add(pattern);
    }

    /** Called after each test: expected console errors are per test. */
    void forgetExpectedConsoleErrors() {
        expectedErrors.clear();
    }

    /** The pids of chromedriver and every Chromium process it started, as seen at start. */
    Set<Long> pids() {
        return processes.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /**
     * Quits the browser, stops chromedriver, kills any of their processes still alive after 10 s
     * and deletes the profile directory. Blocks for that long at most.
     */
    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // Already gone: what is left is killed below.
        } finally {
            service.stop();
            Set<ProcessHandle> all = processes.stream()
                    .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                    .collect(Collectors.toSet());
            try {
                Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
            } catch (ConditionTimeoutException e) {
                all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            }
            deleteTree(profile);
        }
    }

    private static Set<ProcessHandle> children() {
        return ProcessHandle.current().children().collect(Collectors.toSet());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory: the OS cleans it up eventually.
        }
    }
}
