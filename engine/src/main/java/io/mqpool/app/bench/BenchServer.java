package io.mqpool.app.bench;

import io.mqpool.process.ChildProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mqpool server} as a child process on free ports of 127.0.0.1, for the recovery and soak
 * workloads: on its own, or one of two over a shared store and a standalone broker. It runs from
 * this JVM's class path with the command line's main class: from the runnable jar that is the
 * jar itself, and in a test it is the module's classes and their dependencies, with no packaged
 * jar to look for.
 */
final class BenchServer implements AutoCloseable {

    private static final String MAIN_CLASS = "io.mqpool.app.cli.Main";
    /** What {@code ServerCommand} prints once it listens. */
    private static final Pattern STATUS_LINE =
            Pattern.compile("mqpool \\S+ listening on (http://[^,\\s]+), (\\d+) workers, data in (.+)");
    /** What {@code ServerCommand} prints while another server is active over the store. */
    private static final String STANDING_BY = "mqpool: standing by: ";
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ChildProcess process;
    private final CompletableFuture<URI> listening;
    private final CompletableFuture<String> standingBy;

    private BenchServer(ChildProcess process, CompletableFuture<URI> listening, CompletableFuture<String> standingBy) {
        this.process = process;
        this.listening = listening;
        this.standingBy = standingBy;
    }

    /**
     * Starts a server on {@code dataDir} and blocks until it listens (at most 60 s).
     *
     * @param extraArgs more arguments of {@code mqpool server}, such as {@code --config FILE}
     * @throws IllegalStateException with the server's output if it exits or is not ready in time
     *     (it is stopped)
     */
    static BenchServer start(JavaCommand java, List<String> jvmOptions, Path dataDir, int workers,
                             String... extraArgs) throws InterruptedException {
        BenchServer server = launch(java, jvmOptions, dataDir, workers, extraArgs);
        try {
            server.awaitListening(START_TIMEOUT);
            return server;
        } catch (InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Starts a server on {@code dataDir} and does not wait for it: for a standby, which listens
     * only once it has taken over. Call {@link #awaitListening} or {@link #awaitStandingBy}.
     */
    static BenchServer launch(JavaCommand java, List<String> jvmOptions, Path dataDir, int workers,
                              String... extraArgs) {
        CompletableFuture<URI> listening = new CompletableFuture<>();
        CompletableFuture<String> standingBy = new CompletableFuture<>();
        List<String> args = new ArrayList<>(List.of("server", "--bind", "127.0.0.1", "--port", "0",
                "--broker-port", "0", "--workers", Integer.toString(workers), "--data", dataDir.toString()));
        args.addAll(List.of(extraArgs));
        ChildProcess process = BenchProcesses.launch("server", java.mainClass(jvmOptions, MAIN_CLASS, args), line -> {
            Matcher status = STATUS_LINE.matcher(line);
            if (status.matches()) {
                listening.complete(URI.create(status.group(1)));
            } else if (line.startsWith(STANDING_BY)) {
                standingBy.complete(line);
            }
        }, line -> { });
        return new BenchServer(process, listening, standingBy);
    }

    /**
     * Blocks until the server printed its status line, and remembers its workers then.
     *
     * @return its base URL
     * @throws IllegalStateException with the server's output if it exits first or does not listen
     *     within {@code timeout}
     */
    URI awaitListening(Duration timeout) throws InterruptedException {
        URI url = awaitLine(process, listening, timeout, "the server", "listened");
        process.rememberDescendants();
        return url;
    }

    /** Blocks until the server says it stands by for another (at most 60 s); see {@link #awaitListening}. */
    void awaitStandingBy() throws InterruptedException {
        awaitLine(process, standingBy, START_TIMEOUT, "the server", "stood by");
    }

    /**
     * The base URL from the status line, such as {@code http://127.0.0.1:41234}.
     *
     * @throws IllegalStateException if the server has not printed it yet
     */
    URI url() {
        if (!listening.isDone() || listening.isCompletedExceptionally()) {
            throw new IllegalStateException("the server has not listened yet");
        }
        return listening.join();
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

    /** The server process's pid. */
    long pid() {
        return process.pid();
    }

    /** Whether the server process still runs. */
    boolean isAlive() {
        return process.isAlive();
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

    /**
     * Blocks until {@code line} is complete: a line {@code who} printed, which says it {@code did}.
     *
     * @throws IllegalStateException with the child's output if it exits first or not within {@code timeout}
     */
    static <T> T awaitLine(ChildProcess process, CompletableFuture<T> line, Duration timeout, String who, String did)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return line.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(who + " exited before it " + did + "; " + process.output());
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot read the output of " + who, e.getCause());
            }
        }
        throw new IllegalStateException(who + " has not " + did + " within " + timeout + "; " + process.output());
    }
}
