package io.mqpool.supervisor;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one worker's stdout says, a line at a time, on its stdout thread: the ready line
 * ({@code mqpool-worker ready <id> <pid>}) completes the ready future; a status line
 * ({@code mqpool-worker <status>}, see {@link StatusLines}) updates what the worker is doing and
 * tells the listener, once each, that it took its last chunk and that it retires; any other
 * line goes to the output.
 */
final class WorkerStdout implements Consumer<String> {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerStdout.class);
    private static final String READY_PREFIX = "mqpool-worker ready ";
    private static final String STATUS_PREFIX = "mqpool-worker ";

    private final WorkerProcess worker;
    private final CompletableFuture<Long> ready;
    private final StatusLines status;
    private final Clock clock;
    private final Consumer<String> output;
    private final WorkerProcess.Listener listener;
    private final AtomicBoolean lastChunkReported = new AtomicBoolean();
    private final AtomicBoolean retiringReported = new AtomicBoolean();

    /** @param ready completed with the pid of the ready line */
    WorkerStdout(WorkerProcess worker, CompletableFuture<Long> ready, LaunchSpec spec,
                 WorkerProcess.Listener listener) {
        this.worker = worker;
        this.ready = ready;
        this.status = new StatusLines(worker.id());
        this.clock = spec.clock();
        this.output = spec.workerOutput();
        this.listener = listener;
    }

    /** What the worker last said it is doing. */
    StatusLines status() {
        return status;
    }

    @Override
    public void accept(String line) {
        if (!ready.isDone() && line.startsWith(READY_PREFIX)) {
            ready.complete(pidFrom(line));
            return;
        }
        if (line.startsWith(STATUS_PREFIX) && status.accept(line.substring(STATUS_PREFIX.length()), clock.instant())) {
            if (status.lastChunkTaken() && lastChunkReported.compareAndSet(false, true)) {
                listener.lastChunkTaken(worker);
            }
            if (status.retiring() && retiringReported.compareAndSet(false, true)) {
                listener.retiring(worker);
            }
            return;
        }
        try {
            output.accept(line);
        } catch (RuntimeException e) {
            LOG.warn("the output handler failed on a line of worker {}: {}", worker.id(), e.toString(), e);
        }
    }

    /** The pid at the end of the ready line; the launched process's if it cannot be read. */
    private long pidFrom(String readyLine) {
        String[] parts = readyLine.trim().split(" ");
        try {
            return Long.parseLong(parts[parts.length - 1]);
        } catch (NumberFormatException e) {
            return worker.pid();
        }
    }
}
