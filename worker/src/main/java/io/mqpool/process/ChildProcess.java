package io.mqpool.process;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A process we started, with both its output streams read as they come ({@link ChildOutput}),
 * its stdin open for commands or closed, and the ways to stop it: {@link #killTree()} at once,
 * {@link #killHard()} of the process alone to see whether what it started notices, and
 * {@link #close()} from SIGTERM up to SIGKILL, so that a failure leaves nothing running.
 */
public final class ChildProcess implements AutoCloseable {

    private static final long ORPHAN_POLL_MILLIS = 100;

    private final ChildSpec spec;
    private final Process process;
    private final ChildOutput stdout;
    private final ChildOutput stderr;
    private final Writer stdin;
    private final AtomicBoolean reading = new AtomicBoolean();
    /** Children of the process: once it is dead they are orphans it can no longer list. */
    private final Set<ProcessHandle> descendants = ConcurrentHashMap.newKeySet();

    private ChildProcess(ChildSpec spec, Process process) {
        this.spec = spec;
        this.process = process;
        this.stdout = new ChildOutput(process.getInputStream(), spec.charset(), spec.stdout());
        this.stderr = new ChildOutput(process.getErrorStream(), spec.charset(), spec.stderr());
        this.stdin = spec.keepStdin() ? new OutputStreamWriter(process.getOutputStream(), spec.charset()) : null;
    }

    /**
     * Starts the command and reads its output. Does not wait for the child.
     *
     * @throws IOException if the program cannot be run at all (not installed, not executable)
     */
    public static ChildProcess start(ChildSpec spec) throws IOException {
        return startUnread(spec).readOutput();
    }

    /**
     * Starts the command without reading its output yet, for a caller whose line listeners need
     * the object it builds around the child first. Call {@link #readOutput()} next: a child that
     * fills a pipe nobody reads blocks.
     *
     * @throws IOException if the program cannot be run at all (not installed, not executable)
     */
    public static ChildProcess startUnread(ChildSpec spec) throws IOException {
        Process process = new ProcessBuilder(spec.command()).start();
        if (!spec.keepStdin()) {
            process.getOutputStream().close();
        }
        return new ChildProcess(spec, process);
    }

    /**
     * Starts the threads that read stdout and stderr; once only.
     *
     * @return this child
     * @throws IllegalStateException if they were started before
     */
    public ChildProcess readOutput() {
        if (!reading.compareAndSet(false, true)) {
            throw new IllegalStateException("the output of the " + spec.name() + " is read already");
        }
        stdout.start();
        stderr.start();
        return this;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public ChildOutput stdout() {
        return stdout;
    }

    public ChildOutput stderr() {
        return stderr;
    }

    /**
     * Its standard input; writes block when the child does not read it.
     *
     * @throws IllegalStateException if it was started without {@link ChildSpec#keepStdin()}
     */
    public Writer stdin() {
        if (stdin == null) {
            throw new IllegalStateException("the stdin of the " + spec.name() + " was closed at start");
        }
        return stdin;
    }

    /** Everything it printed lately, for an error message. */
    public String output() {
        return "stdout: [" + stdout.text() + "] stderr: [" + stderr.text() + "]";
    }

    /** Notes the processes it started so far, to stop them should they outlive it. */
    public void rememberDescendants() {
        process.descendants().forEach(descendants::add);
    }

    /** Blocks until the process exits; returns its exit code. */
    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /** Waits up to {@code timeout} for the process to exit; true when it has. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    /**
     * Blocks until the process exits and its output has been read (that at most
     * {@link StopTimeouts#forOutput()} longer).
     *
     * @return its exit code
     * @throws IllegalStateException if it still runs after {@code timeout} (it keeps running)
     */
    public int awaitExitCode(Duration timeout) throws InterruptedException {
        if (!awaitExit(timeout)) {
            throw new IllegalStateException("the " + spec.name() + " (pid " + pid() + ") still runs after " + timeout
                    + "; its output: " + output());
        }
        awaitOutput(spec.timeouts().forOutput());
        return process.exitValue();
    }

    /** Waits up to {@code timeout} in all for both output streams to end; true when they have. */
    public boolean awaitOutput(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean outEnded = stdout.awaitEnd(timeout);
        return stderr.awaitEnd(Duration.ofNanos(deadline - System.nanoTime())) && outEnded;
    }

    /** Kills the process and everything it started, at once (SIGKILL). Does not wait. */
    public void killTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * kill -9 of the process alone, then waits for the processes it started to notice and exit
     * by themselves (as they must when their parent dies).
     *
     * @return those still alive after {@link StopTimeouts#forOrphans()}, which are then killed too
     */
    public List<ProcessHandle> killHard() throws InterruptedException {
        rememberDescendants();
        process.destroyForcibly();
        process.waitFor(spec.timeouts().forExit().toMillis(), TimeUnit.MILLISECONDS);
        return killSurvivors();
    }

    /**
     * SIGTERM, then after {@link StopTimeouts#forExit()} SIGKILL; then kills whatever it started
     * that is still alive after {@link StopTimeouts#forOrphans()}. Blocks for those bounds at
     * most. Idempotent. When interrupted it kills all it knows at once and restores the interrupt.
     */
    @Override
    public void close() {
        Duration forExit = spec.timeouts().forExit();
        try {
            if (process.isAlive()) {
                rememberDescendants();
                process.destroy();
                if (!process.waitFor(forExit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(forExit.toMillis(), TimeUnit.MILLISECONDS);
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
        long deadline = System.nanoTime() + spec.timeouts().forOrphans().toNanos();
        while (System.nanoTime() < deadline && descendants.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(ORPHAN_POLL_MILLIS);
        }
        List<ProcessHandle> survivors = descendants.stream().filter(ProcessHandle::isAlive).toList();
        survivors.forEach(ProcessHandle::destroyForcibly);
        return survivors;
    }
}
