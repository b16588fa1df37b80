package io.mqpool.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A test fixture: {@code mqpool broker --port 0 --data DIR} from a private copy of the packaged
 * jar, as a real process. {@link #start} blocks until it printed its status line (at most 60 s);
 * {@link #close()} stops it with SIGTERM, and kills it if it is still there after 20 s.
 */
final class BrokerProcess implements AutoCloseable {

    private static final Pattern STATUS_LINE =
            Pattern.compile("mqpool broker \\S+ listening on (tcp://[^,\\s]+), data in (.+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path jar;
    private final Path dataDir;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private String url;

    private BrokerProcess(Process process, Path jar, Path dataDir) {
        this.process = process;
        this.jar = jar;
        this.dataDir = dataDir;
        capture(process.getInputStream(), stdout, "broker-stdout");
        capture(process.getErrorStream(), stderr, "broker-stderr");
    }

    /**
     * Starts {@code mqpool broker --port 0 --data DIR EXTRA...} and blocks until it listens.
     *
     * @throws IllegalStateException if it exits or prints no status line within 60 s, with its output
     */
    static BrokerProcess start(Path dataDir, String... extraArgs) {
        Path jar;
        try {
            jar = Files.createTempFile("mqpool-broker-", ".jar");
            Files.copy(ServerProcess.packagedJar(), jar, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the packaged jar", e);
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", jar.toString(), "broker", "--port", "0", "--data", dataDir.toString()));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("MQPOOL_"));
        BrokerProcess broker;
        try {
            broker = new BrokerProcess(builder.start(), jar, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try {
            broker.awaitStatusLine();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** The URL from the status line, such as {@code tcp://127.0.0.1:41234}. */
    String url() {
        return url;
    }

    int port() {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    Path dataDir() {
        return dataDir;
    }

    Path engineCredentials() {
        return dataDir.resolve("engine-credentials.properties");
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    /** kill -9, and waits for the exit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends SIGTERM and waits for the exit (20 s, then kills it); answers the exit code. */
    int stop() {
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
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
        try {
            Files.deleteIfExists(jar);
        } catch (IOException e) {
            // A temporary file; the OS cleans it up eventually.
        }
    }

    private void awaitStatusLine() {
        try {
            Awaitility.await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> statusUrl().isPresent() || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the broker printed no status line within " + START_TIMEOUT
                    + "; stdout: " + stdout + " stderr: " + stderr);
        }
        url = statusUrl().orElseThrow(() -> new IllegalStateException("the broker exited before it was ready; "
                + "stdout: " + stdout + " stderr: " + stderr));
    }

    private Optional<String> statusUrl() {
        return stdout.toString().lines().map(STATUS_LINE::matcher).filter(Matcher::matches).findFirst()
                .map(m -> m.group(1));
    }

    private static void capture(InputStream in, StringBuffer into, String name) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // The process is gone; what was read so far stays readable.
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
    }
}
