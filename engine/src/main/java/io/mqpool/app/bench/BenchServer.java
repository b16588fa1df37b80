package io.mqpool.app.bench;

import io.mqpool.process.ChildProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mqpool server} as a child process on free ports of 127.0.0.1, for the recovery
 * workload. It runs from this JVM's class path with the command line's main class: from the
 * runnable jar that is the jar itself, and in a test it is the module's classes and their
 * dependencies, with no packaged jar to look for.
 */
final class BenchServer implements AutoCloseable {

    private static final String MAIN_CLASS = "io.mqpool.app.cli.Main";
    /** What {@code ServerCommand} prints once it listens. */
    private static final Pattern STATUS_LINE =
            Pattern.compile("mqpool \\S+ listening on (http://[^,\\s]+), (\\d+) workers, data in (.+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ChildProcess process;
    private final URI url;

    private BenchServer(ChildProcess process, URI url) {
        this.process = process;
        this.url = url;
    }

    /**
     * Starts a server on {@code dataDir} and blocks until it listens (at most 60 s).
     *
     * @throws IllegalStateException with the server's output if it exits or is not ready in time
     *     (it is stopped)
     */
    static BenchServer start(JavaCommand java, List<String> jvmOptions, Path dataDir, int workers)
            throws InterruptedException {
        CompletableFuture<URI> listening = new CompletableFuture<>();
        List<String> command = java.mainClass(jvmOptions, MAIN_CLASS, List.of("server", "--bind", "127.0.0.1",
                "--port", "0", "--broker-port", "0", "--workers", Integer.toString(workers),
                "--data", dataDir.toString()));
        ChildProcess process = BenchProcesses.launch("server", command, line -> {
            Matcher status = STATUS_LINE.matcher(line);
            if (status.matches()) {
                listening.complete(URI.create(status.group(1)));
            }
        }, line -> { });
        try {
            URI url = awaitStatusLine(process, listening);
            process.rememberDescendants();
            return new BenchServer(process, url);
        } catch (InterruptedException | RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** The base URL from the status line, such as {@code http://127.0.0.1:41234}. */
    URI url() {
        return url;
    }

    /**
     * kill -9 of the server alone, then waits for its workers to notice and exit.
     *
     * @throws IllegalStateException if a worker outlived it by 10 s (the worker is killed)
     */
    void killHard() throws InterruptedException {
        List<ProcessHandle> orphans = process.killHard();
        if (!orphans.isEmpty()) {
            throw new IllegalStateException(orphans.size() + " worker processes outlived the killed server by 10 s: "
                    + orphans.stream().map(ProcessHandle::pid).toList());
        }
    }

    /** Everything the server printed lately, for an error message. */
    String output() {
        return process.output();
    }

    /** SIGTERM, as a user stops a server; escalates if it does not stop. Idempotent. */
    @Override
    public void close() {
        process.close();
    }

    private static URI awaitStatusLine(ChildProcess process, CompletableFuture<URI> listening)
            throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return listening.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server exited before it listened; " + process.output());
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot read the server's status line", e.getCause());
            }
        }
        throw new IllegalStateException("the server printed no status line within " + START_TIMEOUT + "; "
                + process.output());
    }
}
