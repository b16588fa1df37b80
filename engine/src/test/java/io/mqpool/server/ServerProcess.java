package io.mqpool.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A test fixture: {@code mqpool server} from the packaged jar ({@code target/mqpool-engine-*-all.jar})
 * as a real process on free ports (HTTP and broker) and a data directory the test owns.
 *
 * <pre>{@code
 * try (ServerProcess server = ServerProcess.start(dataDir, 2)) {
 *     HttpRequest.newBuilder(server.url().resolve("/api/status")) ...
 * }
 * }</pre>
 *
 * <p>{@link #start} blocks until the server printed its status line (at most 60 s). {@link #close()}
 * stops the server with SIGTERM and makes sure no worker process it started survives it.
 * Standard output and error are captured and available as text at any time.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern STATUS_LINE =
            Pattern.compile("mqpool \\S+ listening on (https?://[^,\\s]+), (\\d+) workers, data in (.+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path jar;
    private final Path dataDir;
    private final Capture stdout;
    private final Capture stderr;
    private final Set<ProcessHandle> descendants = ConcurrentHashMap.newKeySet();
    private URI url;

    private ServerProcess(Process process, Path jar, Path dataDir) {
        this.process = process;
        this.jar = jar;
        this.dataDir = dataDir;
        this.stdout = new Capture(process.getInputStream(), "server-stdout");
        this.stderr = new Capture(process.getErrorStream(), "server-stderr");
    }

    /**
     * Starts {@code mqpool server --port 0 --broker-port 0 --workers N --data DIR} (a broker port
     * among {@code extraArgs} replaces the 0) and blocks until it is listening.
     *
     * @throws IllegalStateException if the server exits or prints no status line within 60 s;
     *     the message carries its output (the process is killed)
     */
    public static ServerProcess start(Path dataDir, int workers, String... extraArgs) {
        return startInTemp(null, dataDir, workers, extraArgs);
    }

    /**
     * Starts a server as {@link #start} does, whose JVM and worker JVMs have {@code tempDir} as
     * their {@code java.io.tmpdir} (null: the default), so a test can see what they leave there.
     */
    public static ServerProcess startInTemp(Path tempDir, Path dataDir, int workers, String... extraArgs) {
        ServerProcess server = launch(tempDir, dataDir, workers, extraArgs);
        try {
            server.awaitStatusLine();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Starts a server the same way but does not wait for it: for a server expected to refuse to
     * start (a second one on the same data directory). Use {@link #awaitExit} on it.
     */
    public static ServerProcess launch(Path dataDir, int workers, String... extraArgs) {
        return launch(null, dataDir, workers, extraArgs);
    }

    private static ServerProcess launch(Path tempDir, Path dataDir, int workers, String... extraArgs) {
        Path jar = copyOfPackagedJar();
        List<String> command = new ArrayList<>(List.of(java()));
        if (tempDir != null) {
            command.add("-Djava.io.tmpdir=" + tempDir);
        }
        command.addAll(List.of("-jar", jar.toString(), "server",
                "--port", "0", "--workers", Integer.toString(workers), "--data", dataDir.toString()));
        if (!List.of(extraArgs).contains("--broker-port")) {
            command.addAll(List.of("--broker-port", "0"));
        }
        command.addAll(List.of(extraArgs));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            // Each test runs a copy of the jar: a class archive per copy would only fill the home.
            builder.environment().put("MQPOOL_WORKER_CLASS_ARCHIVES", "");
            if (tempDir != null) {
                builder.environment().put("MQPOOL_WORKER_JVM_OPTIONS", "-XX:+UseSerialGC -Djava.io.tmpdir=" + tempDir);
            }
            return new ServerProcess(builder.start(), jar, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The base URL from the status line, such as {@code http://127.0.0.1:41234}. */
    public URI url() {
        if (url == null) {
            throw new IllegalStateException("the server has not printed its status line");
        }
        return url;
    }

    public Path dataDir() {
        return dataDir;
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the server printed on standard output so far. */
    public String stdout() {
        return stdout.text();
    }

    /** Everything the server printed on standard error so far. */
    public String stderr() {
        return stderr.text();
    }

    /** The pids of the server's worker processes (every descendant), as seen now. */
    public Set<Long> workerPids() {
        return process.descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /**
     * Blocks until the process exits.
     *
     * @return its exit code
     * @throws IllegalStateException if it is still running after {@code timeout}
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the server is still running after " + timeout);
            }
            stdout.await();
            stderr.await();
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server to exit", e);
        }
    }

    /**
     * Sends SIGTERM and blocks until the server exits (at most 20 s, then it is killed).
     *
     * @return its exit code (137 or so if it had to be killed)
     */
    public int stop() {
        rememberDescendants();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        stdout.await();
        stderr.await();
        return process.exitValue();
    }

    /**
     * The worker processes that outlived the server after {@link #stop()}: should be none.
     * Waits up to 10 s for them to go.
     */
    public List<ProcessHandle> survivors() {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> alive().isEmpty());
        } catch (ConditionTimeoutException e) {
            // The caller asserts on what is left.
        }
        return alive();
    }

    /** Stops the server, then kills any worker process that survived it. */
    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
        for (ProcessHandle left : survivors()) {
            left.destroyForcibly();
        }
        try {
            Files.deleteIfExists(jar);
        } catch (IOException e) {
            // A temporary file; the OS cleans it up eventually.
        }
    }

    private List<ProcessHandle> alive() {
        return descendants.stream().filter(ProcessHandle::isAlive).toList();
    }

    private void rememberDescendants() {
        process.descendants().forEach(descendants::add);
    }

    /** Blocks until the server printed its status line (at most 60 s), as {@link #start} does. */
    public void awaitStatusLine() {
        try {
            Awaitility.await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> statusUrl().isPresent() || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the server printed no status line within " + START_TIMEOUT
                    + "; stdout: " + stdout.text() + " stderr: " + stderr.text());
        }
        Optional<URI> status = statusUrl();
        if (status.isEmpty()) {
            stdout.await();
            stderr.await();
            throw new IllegalStateException("the server exited with " + process.exitValue()
                    + " before it was ready; stdout: " + stdout.text() + " stderr: " + stderr.text());
        }
        url = status.get();
        rememberDescendants();
    }

    private Optional<URI> statusUrl() {
        return stdout.text().lines().map(STATUS_LINE::matcher).filter(Matcher::matches).findFirst()
                .map(m -> URI.create(m.group(1)));
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * A private copy of the packaged jar: a build running meanwhile rewrites {@code target/}, and
     * a JVM whose jar changes under it fails to load its next class.
     */
    private static Path copyOfPackagedJar() {
        try {
            Path copy = Files.createTempFile("mqpool-server-", ".jar");
            Files.copy(packagedJar(), copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the packaged jar", e);
        }
    }

    /** The runnable jar that {@code mvn package} built in {@code target/}. */
    public static Path packagedJar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("mqpool-engine-.*-all\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run mvn package"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list target/", e);
        }
    }

    /** Reads one stream of the process on a named thread into memory. */
    private static final class Capture {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();

        Capture(InputStream in, String name) {
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // The process is gone; what was read so far stays readable.
                } finally {
                    ended.complete(null);
                }
            }, name);
            reader.setDaemon(true);
            reader.start();
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        void await() {
            try {
                ended.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // A stream still open 5 s after exit (a surviving child holds it): keep what we have.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
