package io.mqpool.supervisor;

import io.mqpool.process.ChildProcess;
import io.mqpool.process.ChildSpec;
import io.mqpool.process.OutputReading;
import io.mqpool.worker.CurrentTaskFile;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One launched worker JVM and the three threads that watch it: {@code mqpool-worker-<id>-out}
 * (reads its ready and status lines and forwards all other output: {@link WorkerStdout}),
 * {@code mqpool-worker-<id>-err} (keeps the last 40 lines and copies them to our stderr) and
 * {@code mqpool-worker-<id>-exit} (notices the exit). The threads end by themselves when the
 * process is gone. The process and the reading of its output are a {@link ChildProcess}.
 */
final class WorkerProcess {

    /** What a process reports to its supervisor. */
    interface Listener {
        /** It has exited; called on its exit thread. */
        void exited(WorkerProcess process, int exitCode);

        /**
         * It took its last chunk before it retires (or said it retires); called once, on its
         * stdout thread.
         */
        void lastChunkTaken(WorkerProcess process);

        /**
         * It committed its last chunk and takes no more: it only exits from now on. Called once,
         * on its stdout thread.
         */
        void retiring(WorkerProcess process);
    }

    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
    private static final Duration READERS_JOIN = Duration.ofSeconds(2);
    private static final int STDERR_KEPT_LINES = 40;

    private final String id;
    private final ChildProcess process;
    /** Where the worker keeps the task it runs; null for a command that does not write one. */
    private final Path currentTaskFile;
    private final Instant startedAt;
    private final Clock clock;
    private final StatusLines status;
    private final AtomicBoolean killedForTimeout = new AtomicBoolean();
    private final AtomicBoolean killedForJobEnd = new AtomicBoolean();
    private final CompletableFuture<Long> ready = new CompletableFuture<>();
    private final Thread exitWatcher;

    private WorkerProcess(String id, List<String> command, Path currentTaskFile, LaunchSpec spec,
                          Listener listener) throws IOException {
        this.id = id;
        this.currentTaskFile = currentTaskFile;
        this.clock = spec.clock();
        this.startedAt = clock.instant();
        WorkerStdout stdout = new WorkerStdout(this, ready, spec, listener);
        this.status = stdout.status();
        // Read only once this object is built: its stdout listener hands it to the supervisor.
        this.process = ChildProcess.startUnread(ChildSpec.of("worker " + id, command,
                        new OutputReading(threadName("out"), 0, stdout),
                        new OutputReading(threadName("err"), STDERR_KEPT_LINES, spec.errCopy()::println))
                .withStdin().withCharset(Charset.defaultCharset()));
        this.exitWatcher = new Thread(() -> awaitExit(listener), threadName("exit"));
        exitWatcher.setDaemon(true);
    }

    /**
     * Launches {@code command} and starts watching it. Does not wait for the ready line: see
     * {@link #ready()}.
     *
     * @throws WorkerStartException when the program cannot be run at all
     */
    static WorkerProcess launch(String id, List<String> command, Path currentTaskFile, LaunchSpec spec,
                                Listener listener) {
        WorkerProcess worker;
        try {
            worker = new WorkerProcess(id, command, currentTaskFile, spec, listener);
        } catch (IOException e) {
            String reason = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage() : e.getMessage();
            throw new WorkerStartException("cannot start worker " + id + ": " + command.get(0)
                    + " cannot be run: " + reason, e);
        }
        worker.process.readOutput();
        worker.exitWatcher.start();
        return worker;
    }

    String id() {
        return id;
    }

    /** Completes with the JVM's pid once it printed its ready line, or with the reason not. */
    CompletableFuture<Long> ready() {
        return ready;
    }

    /** The pid from the ready line once known, else the launched process's pid. */
    long pid() {
        return ready.isDone() && !ready.isCompletedExceptionally() ? ready.join() : process.pid();
    }

    Instant startedAt() {
        return startedAt;
    }

    /**
     * The chunk the worker last reported taking, or null when it reported being idle. Its task
     * is known only for a chunk with a task timeout, whose tasks are reported as they start.
     */
    CurrentChunk currentChunk() {
        return status.currentChunk();
    }

    /**
     * Like {@link #currentChunk()}, with the task the worker last started read from its
     * current-task file when it reports no task lines: for a worker that died, to name the task
     * that killed it, or to show it. Reads the file, so it is not for periodic checks.
     */
    CurrentChunk currentChunkWithTask() {
        CurrentChunk chunk = status.currentChunk();
        if (chunk == null || currentTaskFile == null || chunk.taskTimeoutMillis() > 0) {
            return chunk;
        }
        OptionalLong task = CurrentTaskFile.lastTaskOf(currentTaskFile, chunk.jobId(), chunk.chunkNo());
        if (task.isEmpty() || task.getAsLong() < chunk.firstIndex()
                || task.getAsLong() >= chunk.firstIndex() + chunk.size()) {
            return chunk;
        }
        return chunk.withTask(task.getAsLong(), chunk.taskSince());
    }

    /** Tasks this process has finished, as it last reported. */
    long tasksDone() {
        return status.tasksDone();
    }

    /** Whether {@link #killForTimeout()} killed this process. */
    boolean killedForTimeout() {
        return killedForTimeout.get();
    }

    /**
     * Whether this process ended for a reason that is no fault of the worker: the supervisor
     * killed it (a task timeout, its job ended), or it retired after its share of tasks.
     */
    boolean endedOnPurpose() {
        return killedForTimeout.get() || killedForJobEnd.get() || status.retiring();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last 40 lines it wrote to stderr joined with {@code " | "}, or a note that there were none. */
    String stderrSummary() {
        List<String> lines = process.stderr().tail();
        return lines.isEmpty() ? "(nothing on stderr)" : String.join(" | ", lines);
    }

    /** Fails {@link #ready()} with {@code reason} and kills the process, unless it is ready. */
    void failStart(WorkerStartException reason) {
        if (ready.completeExceptionally(reason)) {
            kill();
        }
    }

    /**
     * Asks the worker to finish its chunk and exit. Does not block. The pipe stays open: the
     * worker takes end of input as its supervisor dying and halts at once.
     *
     * @return false when the worker can no longer be told (it has exited)
     */
    boolean drain() {
        return command("drain");
    }

    /** Lets a worker started on standby take chunks; false if it has exited. */
    boolean go() {
        return command("go");
    }

    /** Tells the worker that {@code jobId} ended: it must not run the chunks of it it holds. */
    boolean skip(String jobId) {
        return command("skip " + jobId);
    }

    /** Writes one command line to the worker's stdin; false if the pipe is gone. */
    private synchronized boolean command(String line) {
        try {
            Writer stdin = process.stdin();
            stdin.write(line + "\n");
            stdin.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Kills the process tree at once because its current task ran past its timeout, and notes
     * that this was why. Does nothing if it did so before. Does not wait.
     */
    void killForTimeout() {
        if (killedForTimeout.compareAndSet(false, true)) {
            kill();
        }
    }

    /**
     * Kills the process tree at once because the job of its current chunk was cancelled or ran
     * past its deadline. Does nothing if it did so before. Does not wait.
     */
    void killForJobEnd() {
        if (killedForJobEnd.compareAndSet(false, true)) {
            kill();
        }
    }

    /** Kills the process tree at once. Does not wait. */
    void kill() {
        process.killTree();
    }

    /** Waits up to {@code timeout} for the process to exit; true when it has. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.awaitExit(timeout);
    }

    /** Waits up to {@code timeout}, by the clock, for the watching threads to end. */
    void joinThreads(Duration timeout) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        exitWatcher.join(Math.max(1, timeLeft(deadline).toMillis()));
        process.awaitOutput(timeLeft(deadline));
    }

    private Duration timeLeft(Instant deadline) {
        return Duration.between(clock.instant(), deadline);
    }

    private String threadName(String stream) {
        return "mqpool-worker-" + id + "-" + stream;
    }

    private void awaitExit(Listener listener) {
        int code;
        while (true) {
            try {
                code = process.awaitExit();
                // Read what the process wrote last before judging why it ended.
                process.awaitOutput(READERS_JOIN);
                break;
            } catch (InterruptedException e) {
                // Nobody interrupts this thread on purpose; it ends when the process does.
                LOG.debug("exit watcher of worker {} interrupted; still waiting", id);
            }
        }
        closeStdin();
        ready.completeExceptionally(new WorkerStartException("worker " + id + " exited with code "
                + code + " before it was ready: " + stderrSummary()));
        listener.exited(this, code);
    }

    private void closeStdin() {
        try {
            process.stdin().close();
        } catch (IOException e) {
            LOG.debug("closing stdin of worker {}: {}", id, e.toString());
        }
    }
}
