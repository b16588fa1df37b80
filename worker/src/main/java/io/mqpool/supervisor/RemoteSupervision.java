package io.mqpool.supervisor;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.BrokerCredentials;
import io.mqpool.broker.BrokerUrls;
import io.mqpool.config.OneLine;
import io.mqpool.config.SecretFiles;
import io.mqpool.config.WorkerSettings;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mqpool worker} on another host: a supervisor of local worker processes for a server's
 * broker, with the same restarts, task-timeout kills and drain as the server's own, which
 * tells the engine of its workers and of each death through a {@link RemoteReporter}. It drains
 * when the server says so or when {@code drain} is typed on its stdin; Ctrl-C stops it at once
 * (the chunks its workers held go back to the queue).
 */
public final class RemoteSupervision {

    /** Exit codes: done, bad input or refused credentials, a worker that cannot be kept running. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FATAL = 1;
    /** A worker started before its server waits this long for the broker. */
    static final Duration BROKER_WAIT = Duration.ofHours(1);

    /**
     * What to supervise.
     *
     * @param brokerUrl {@code tcp://HOST:PORT}, with Artemis' options after a {@code ?}
     * @param credentialsFile the workers' broker credentials, or null for a broker that asks none
     * @param tasksDir jars of the user's tasks, or null for the built-in ones
     * @param hostId this supervisor's id among the server's hosts; its workers are {@code HOSTID-w1}, …
     * @param java the {@code java} that starts a worker, with the class path it gets
     * @param classArchives where the workers keep their class-data archive, or empty for none
     */
    public record Options(String brokerUrl, int workers, Path credentialsFile, Path tasksDir, String hostId,
                          String host, Path java, String classPath, List<String> jvmOptions,
                          Optional<Path> classArchives) {

        public Options {
            Objects.requireNonNull(brokerUrl, "brokerUrl");
            Objects.requireNonNull(classArchives, "classArchives");
            Objects.requireNonNull(hostId, "hostId");
            Objects.requireNonNull(host, "host");
            jvmOptions = List.copyOf(jvmOptions);
        }
    }

    private RemoteSupervision() {
    }

    /**
     * Checks a broker URL a user gave: {@code tcp://HOST:PORT} whose host resolves.
     *
     * @param asGiven the URL as typed, named in the error
     * @throws IllegalArgumentException with one line saying what is wrong and what would be right
     */
    public static void checkBrokerUrl(String url, String asGiven) {
        BrokerUrls.check(url, asGiven);
    }

    /**
     * Runs until drained or stopped. Blocks; answers the process's exit code.
     *
     * @param out where the lines for the person watching go
     * @param err where one-line errors go, as {@code mqpool: ...}
     */
    public static int run(Options options, InputStream in, PrintStream out, PrintStream err) {
        BrokerCredentials credentials;
        try {
            credentials = options.credentialsFile() == null ? null : BrokerCredentials.read(options.credentialsFile());
        } catch (SecretFiles.SecretFileException e) {
            err.println("mqpool: " + e.getMessage());
            return EXIT_USAGE;
        }
        String refused = refusal(options.brokerUrl(), credentials);
        if (refused != null) {
            err.println("mqpool: " + refused);
            return EXIT_USAGE;
        }
        WorkerSettings settings = new WorkerSettings(options.workers(), options.java(), options.jvmOptions(),
                options.classPath(), BROKER_WAIT.plusMinutes(1), Duration.ofSeconds(5), 3, options.classArchives());
        WorkerLaunch launch = new WorkerLaunch(options.brokerUrl(), options.tasksDir(), 8192, BROKER_WAIT, null,
                "null", 0, options.credentialsFile(), null);
        CountDownLatch done = new CountDownLatch(1);
        Throwable[] fatal = new Throwable[1];
        Supervisor supervisor = new Supervisor(settings, launch, line -> { }, e -> {
            fatal[0] = e;
            done.countDown();
        }, Clock.systemUTC(), options.hostId() + "-w");
        RemoteReporter reporter = new RemoteReporter(options.brokerUrl(), credentials, options.hostId(), options.host(),
                supervisor, done::countDown, line -> out.println("mqpool worker: " + line));
        Thread stopNow = new Thread(() -> {
            supervisor.terminate();
            reporter.close();
        }, "mqpool-remote-stop");
        Runtime.getRuntime().addShutdownHook(stopNow);
        reporter.start();
        watchStdin(in, done);
        // Started aside: its workers may wait a long time for the broker, and a drain meanwhile
        // must still be heard.
        Thread starter = new Thread(() -> {
            try {
                supervisor.start();
                out.println("mqpool worker " + options.hostId() + ": " + options.workers() + " workers for "
                        + BrokerUrls.hostAndPort(options.brokerUrl()) + "; type drain and Enter to finish and exit");
            } catch (WorkerStartException | IllegalStateException e) {
                // A start cut short by a drain is no failure.
                if (done.getCount() > 0) {
                    fatal[0] = e;
                    done.countDown();
                }
            }
        }, "mqpool-remote-start");
        starter.setDaemon(true);
        starter.start();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reporter.draining();
        // Workers that run a chunk finish it; those not ready yet hold none and are stopped.
        supervisor.close();
        reporter.close();
        Runtime.getRuntime().removeShutdownHook(stopNow);
        if (fatal[0] != null) {
            err.println("mqpool: " + OneLine.messageOf(fatal[0]));
            return EXIT_FATAL;
        }
        out.println("mqpool worker " + options.hostId() + ": drained");
        return EXIT_OK;
    }

    /** Why the broker refuses these credentials, or null when it takes them or cannot be asked now. */
    private static String refusal(String url, BrokerCredentials credentials) {
        try (BrokerConnection ignored = BrokerConnection.connect(url, credentials, 0)) {
            return null;
        } catch (JMSSecurityException e) {
            return "the broker at " + BrokerUrls.hostAndPort(url) + " refused the worker's credentials";
        } catch (JMSException | RuntimeException e) {
            return null; // not reachable yet: the reporter says so while it waits
        }
    }

    /** {@code drain} on stdin drains; the end of stdin does nothing (nohup, {@code < /dev/null}). */
    private static void watchStdin(InputStream in, CountDownLatch done) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.strip().equals("drain")) {
                        done.countDown();
                    }
                }
            } catch (IOException e) {
                // stdin gone: nothing to watch
            }
        }, "mqpool-remote-stdin");
        thread.setDaemon(true);
        thread.start();
    }
}
