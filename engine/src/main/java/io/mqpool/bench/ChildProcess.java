package io.mqpool.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A process the bench started (a server, a probe JVM, python3), with both output streams read
 * as they come. {@link #close()} stops it and every process it started, so a failed workload
 * leaves nothing running.
 */
final class ChildProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration DESCENDANTS_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final Process process;
    private final ChildOutput stdout;
    private final ChildOutput stderr;
    /** Children of the process: once it is dead they are orphans it can no longer list. */
    private final Set<ProcessHandle> descendants = ConcurrentHashMap.newKeySet();

    private ChildProcess(String name, Process process, Consumer<String> stdoutLines, Consumer<String> stderrLines) {
        this.name = name;
        this.process = process;
        this.stdout = ChildOutput.read(process.getInputStream(), "mqpool-bench-" + name + "-stdout", stdoutLines);
        this.stderr = ChildOutput.read(process.getErrorStream(), "mqpool-bench-" + name + "-stderr", stderrLines);
    }

    /**
     * Starts {@code command}; does not wait for it.
     *
     * @param name a short name for threads and messages, such as {@code server}
     * @throws IOException if the program cannot be run at all (not installed)
     */
    static ChildProcess start(String name, List<String> command, Consumer<String> stdoutLines,
                              Consumer<String> stderrLines) throws IOException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        return new ChildProcess(name, process, stdoutLines, stderrLines);
    }

    /** Starts a JVM or script that must be there: not being able to run it is an error. */
    static ChildProcess launch(String name, List<String> command, Consumer<String> stdoutLines,
                               Consumer<String> stderrLines) {
        try {
            return start(name, command, stdoutLines, stderrLines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + ": " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Notes the processes it started so far, to stop them should they outlive it. */
    void rememberDescendants() {
        process.descendants().forEach(descendants::add);
    }

    /**
     * Blocks until the process exits and its output has been read.
     *
     * @return its exit code
     * @throws IllegalStateException if it still runs after {@code timeout} (it keeps running)
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the " + name + " (pid " + pid() + ") still runs after " + timeout
                    + "; its output: " + output());
        }
        stdout.awaitEnd(OUTPUT_TIMEOUT);
        stderr.awaitEnd(OUTPUT_TIMEOUT);
        return process.exitValue();
    }

    /**
     * kill -9 of the process alone, then waits for the processes it started to notice and exit
     * by themselves (as they must when their parent dies).
     *
     * @return those still alive after 10 s, which are then killed too
     */
    List<ProcessHandle> killHard() throws InterruptedException {
        rememberDescendants();
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return killSurvivors();
    }

    /** Everything it printed lately, for an error message. */
    String output() {
        return "stdout: [" + stdout.text() + "] stderr: [" + stderr.text() + "]";
    }

    /** SIGTERM, then after 20 s SIGKILL; then kills whatever it started that is still alive. Idempotent. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                rememberDescendants();
                process.destroy();
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            killSurvivors();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    private List<ProcessHandle> killSurvivors() throws InterruptedException {
        long deadline = System.nanoTime() + DESCENDANTS_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && descendants.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(100);
        }
        List<ProcessHandle> survivors = descendants.stream().filter(ProcessHandle::isAlive).toList();
        survivors.forEach(ProcessHandle::destroyForcibly);
        return survivors;
    }
}
