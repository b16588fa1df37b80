package io.mqpool.app.bench;

import io.mqpool.process.ChildProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mqpool broker} as a child process on a free port of 127.0.0.1, for the take-over run
 * of the recovery workload: the broker both servers use, so that it outlives the one killed.
 */
final class BenchBroker implements AutoCloseable {

    private static final String MAIN_CLASS = "io.mqpool.app.cli.Main";
    /** What {@code BrokerCommand} prints once it listens. */
    private static final Pattern STATUS_LINE =
            Pattern.compile("mqpool broker \\S+ listening on (tcp://[^,\\s]+), data in (.+)");

    private final ChildProcess process;
    private final String url;
    private final Path dataDir;

    private BenchBroker(ChildProcess process, String url, Path dataDir) {
        this.process = process;
        this.url = url;
        this.dataDir = dataDir;
    }

    /**
     * Starts a broker on {@code dataDir} and blocks until it listens (at most 60 s).
     *
     * @throws IllegalStateException with its output if it exits or is not ready in time (it is stopped)
     */
    static BenchBroker start(JavaCommand java, List<String> jvmOptions, Path dataDir) throws InterruptedException {
        CompletableFuture<String> listening = new CompletableFuture<>();
        ChildProcess process = BenchProcesses.launch("broker", java.mainClass(jvmOptions, MAIN_CLASS,
                List.of("broker", "--bind", "127.0.0.1", "--port", "0", "--data", dataDir.toString())), line -> {
                    Matcher status = STATUS_LINE.matcher(line);
                    if (status.matches()) {
                        listening.complete(status.group(1));
                    }
                }, line -> { });
        try {
            return new BenchBroker(process, BenchServer.awaitLine(process, listening, BenchServer.START_TIMEOUT,
                    "the broker", "listened"), dataDir);
        } catch (InterruptedException | RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** Such as {@code tcp://127.0.0.1:41234}. */
    String url() {
        return url;
    }

    /** The engine's user and password, which the broker writes on its first start. */
    Path engineCredentials() {
        return dataDir.resolve("engine-credentials.properties");
    }

    /** SIGTERM; escalates if it does not stop. Idempotent. */
    @Override
    public void close() {
        process.close();
    }
}
