package io.mqpool;

import io.mqpool.events.JobSignal;
import io.mqpool.store.JobState;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The result of a job submitted without waiting ({@code applyAsync}, {@code mapAsync},
 * {@code starmapAsync}), like Python's {@code AsyncResult}. A task failure surfaces from
 * {@link #get()} as an {@link ExecutionException} whose cause is a {@link TaskFailedException}.
 */
public final class AsyncResult<R> implements Future<R> {

    private final JobSignal signal;
    private final Supplier<R> assemble;
    private final Canceller cancelJob;
    private final Executor callbacks;
    private final Consumer<AsyncResult<?>> whenAssembled;
    private boolean assembled;
    private R value;
    private Throwable failure;

    /**
     * @param assemble reads the finished job's outcomes into the result, once; throws
     *     {@link TaskFailedException} for a failed task
     */
    AsyncResult(JobSignal signal, Supplier<R> assemble, Canceller cancelJob, Executor callbacks,
                Consumer<AsyncResult<?>> whenAssembled) {
        this.signal = signal;
        this.assemble = assemble;
        this.cancelJob = cancelJob;
        this.callbacks = callbacks;
        this.whenAssembled = whenAssembled;
        // Read the outcome as soon as the job ends, off the collector's thread: it is then ready
        // even if the pool closes its store before anyone asks.
        signal.finished().whenCompleteAsync((state, error) -> assembleOnce(), callbacks);
    }

    /** The id of the job behind this result. */
    public String jobId() {
        return signal.jobId();
    }

    /** Whether the job has finished. Does not block. */
    public boolean ready() {
        return signal.finished().isDone();
    }

    /**
     * Whether the job finished without a failed task.
     *
     * @throws IllegalStateException if the job has not finished yet
     */
    public boolean successful() {
        if (!ready()) {
            throw new IllegalStateException("job " + jobId() + " has not finished: successful() needs a ready result");
        }
        assembleOnce();
        return failure == null;
    }

    /**
     * Blocks until the job finishes or {@code timeout} passes.
     *
     * @return whether the job has finished
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        try {
            signal.finished().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Only whether it finished matters here; get() reports how.
        }
        return ready();
    }

    /** Runs {@code callback} with the result once the job succeeds, on the pool's callback thread. */
    public AsyncResult<R> onSuccess(Consumer<? super R> callback) {
        signal.finished().whenCompleteAsync((state, error) -> {
            assembleOnce();
            if (failure == null) {
                callback.accept(value);
            }
        }, callbacks);
        return this;
    }

    /** Runs {@code callback} with the error once the job fails, on the pool's callback thread. */
    public AsyncResult<R> onError(Consumer<? super Throwable> callback) {
        signal.finished().whenCompleteAsync((state, error) -> {
            assembleOnce();
            if (failure != null) {
                callback.accept(failure);
            }
        }, callbacks);
        return this;
    }

    /**
     * Blocks until the job finishes.
     *
     * @throws ExecutionException with a {@link TaskFailedException} cause if a task failed, or a
     *     {@link JobTimeoutException} cause if the job ran past its job timeout
     * @throws CancellationException if the job was cancelled
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public R get() throws InterruptedException, ExecutionException {
        signal.finished().handle((state, error) -> null).get();
        return outcome();
    }

    /**
     * Blocks until the job finishes or the timeout passes; the job keeps running after a timeout.
     *
     * @throws TimeoutException if the job has not finished in time
     */
    @Override
    public R get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            signal.finished().handle((state, error) -> null).get(timeout, unit);
        } catch (TimeoutException e) {
            throw new TimeoutException("job " + jobId() + " has not finished after " + timeout + " "
                    + unit.name().toLowerCase());
        }
        return outcome();
    }

    private R outcome() throws ExecutionException {
        assembleOnce();
        if (failure instanceof CancellationException cancelled) {
            throw cancelled;
        }
        if (failure != null) {
            throw new ExecutionException(failure.getMessage(), failure);
        }
        return value;
    }

    /**
     * Reads the outcome now, waiting for the job to finish: the pool calls this for every result
     * before it closes its store.
     */
    void assembleNow() {
        assembleOnce();
    }

    synchronized boolean assembled() {
        return assembled;
    }

    /** Reads the outcome of the finished job once; later calls reuse it. */
    private synchronized void assembleOnce() {
        if (assembled) {
            return;
        }
        CompletableFuture<JobState> finished = signal.finished();
        try {
            JobState state = finished.join();
            if (state == JobState.CANCELLED) {
                failure = new CancellationException("job " + jobId() + " was cancelled");
            } else if (state == JobState.TIMED_OUT) {
                failure = new JobTimeoutException(jobId());
            } else {
                value = assemble.get();
            }
        } catch (CompletionException e) {
            failure = e.getCause();
        } catch (RuntimeException e) {
            failure = e;
        }
        assembled = true;
        whenAssembled.accept(this);
    }

    /**
     * Cancels the job: its tasks that have not started never run. With
     * {@code mayInterruptIfRunning}, its running tasks are stopped too (after a grace of 1 s
     * their worker processes are replaced, as a task cannot be stopped inside its JVM);
     * without, they run to their end on their workers and their outcomes are recorded, though
     * this result still reports the job cancelled. Outcomes already recorded stay. Does not
     * block for the running tasks.
     *
     * @return true if this call cancelled the job; false if it had already finished or been
     *     cancelled. After true, {@link #isCancelled()} and {@link #isDone()} are true and
     *     {@link #get()} throws {@link CancellationException}.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (signal.finished().isDone()) {
            return false;
        }
        return cancelJob.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
        return signal.finished().getNow(null) == JobState.CANCELLED;
    }

    /** Cancels the job behind a result: whether it was this call that ended it. */
    @FunctionalInterface
    interface Canceller {
        boolean cancel(boolean stopRunning);
    }

    @Override
    public boolean isDone() {
        return ready();
    }
}
