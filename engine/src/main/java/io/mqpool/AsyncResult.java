package io.mqpool;

import io.mqpool.engine.events.JobSignal;
import io.mqpool.engine.store.JobState;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The result of a job submitted without waiting ({@code applyAsync}, {@code mapAsync},
 * {@code starmapAsync}), like Python's {@code AsyncResult}. A task failure surfaces from
 * {@link #get()} as an {@link ExecutionException} whose cause is a {@link TaskFailedException}.
 *
 * <p>As in Python, the result is complete only once its callbacks have run: when the job
 * finishes, the pool's callback thread reads its outcome, then runs every callback registered
 * so far, each exactly once; only then do {@link #get()}, {@link #waitFor} and {@link #ready()}
 * report it finished. A callback registered later runs at once, on the caller's thread. A
 * callback that throws is logged (a warning naming the job) and changes nothing else.
 *
 * <p>Callbacks run one at a time on the pool's single callback thread, so a slow one holds up
 * the callbacks of other jobs. Inside a callback, {@link #get()} on its own result returns the
 * outcome at once (it is read before any callback runs), while {@link #ready()} and
 * {@link #waitFor} still say false, without waiting, until the last callback has returned;
 * {@code get()} on another result of the same pool waits for that job and then runs that
 * result's callbacks right there, so no wait on the callback thread is a wait for itself.
 */
public final class AsyncResult<R> implements Future<R> {

    private final JobSignal signal;
    private final Canceller cancelJob;
    private final Settlement<R> settlement;

    /**
     * @param assemble reads the finished job's outcomes into the result, once; throws
     *     {@link TaskFailedException} for a failed task
     * @param whenSettled told once the result is complete, on the thread that completed it
     */
    AsyncResult(JobSignal signal, Supplier<R> assemble, Canceller cancelJob, CallbackThread callbacks,
                Consumer<AsyncResult<?>> whenSettled) {
        this.signal = signal;
        this.cancelJob = cancelJob;
        this.settlement = new Settlement<>(signal, assemble, callbacks, () -> whenSettled.accept(this));
        settlement.start();
    }

    /** The id of the job behind this result. */
    public String jobId() {
        return signal.jobId();
    }

    /** Whether the job has finished and every callback registered before has run. Does not block. */
    public boolean ready() {
        return settlement.isSettled();
    }

    /**
     * Whether the job finished without a failed task.
     *
     * @throws IllegalStateException if the result is not {@linkplain #ready() ready} yet
     */
    public boolean successful() {
        if (!ready()) {
            throw new IllegalStateException("job " + jobId() + " has not finished: successful() needs a ready result");
        }
        return settlement.failure() == null;
    }

    /**
     * Blocks until the result is {@linkplain #ready() ready} (the job finished and its callbacks
     * ran) or {@code timeout} passes. Returns false at once inside one of its own callbacks.
     *
     * @return whether the result is ready
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        settlement.await(timeout.toNanos());
        return ready();
    }

    /**
     * Runs {@code callback} with the result if the job succeeds: on the pool's callback thread
     * before the result is ready, or at once on this thread if it already is. Does not block.
     */
    public AsyncResult<R> onSuccess(Consumer<? super R> callback) {
        settlement.register(() -> {
            if (settlement.failure() == null) {
                callback.accept(settlement.value());
            }
        });
        return this;
    }

    /**
     * Runs {@code callback} with the error if the job fails (the {@link TaskFailedException},
     * {@link JobTimeoutException} or {@link CancellationException} that {@link #get()} reports):
     * on the pool's callback thread before the result is ready, or at once on this thread if it
     * already is. Does not block.
     */
    public AsyncResult<R> onError(Consumer<? super Throwable> callback) {
        settlement.register(() -> {
            if (settlement.failure() != null) {
                callback.accept(settlement.failure());
            }
        });
        return this;
    }

    /**
     * Blocks until the result is {@linkplain #ready() ready}: the job finished and its callbacks
     * ran.
     *
     * @throws ExecutionException with a {@link TaskFailedException} cause if a task failed, or a
     *     {@link JobTimeoutException} cause if the job ran past its job timeout
     * @throws CancellationException if the job was cancelled, or the pool terminated before the
     *     result was ready
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public R get() throws InterruptedException, ExecutionException {
        settlement.await(Long.MAX_VALUE);
        return outcome();
    }

    /**
     * Blocks until the result is ready or the timeout passes; the job keeps running after a
     * timeout.
     *
     * @throws TimeoutException if the result is not ready in time
     */
    @Override
    public R get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!settlement.await(unit.toNanos(timeout))) {
            throw new TimeoutException("job " + jobId() + " has not finished after " + timeout + " "
                    + unit.name().toLowerCase());
        }
        return outcome();
    }

    private R outcome() throws ExecutionException {
        Throwable failure = settlement.failure();
        if (failure instanceof CancellationException cancelled) {
            throw cancelled;
        }
        if (failure != null) {
            throw new ExecutionException(failure.getMessage(), failure);
        }
        return settlement.value();
    }

    /**
     * Blocks until the result is ready, for a pool about to close its store. Gives up when
     * interrupted, with the interrupt flag set.
     */
    void awaitReady() {
        try {
            settlement.await(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends a result that is not settling yet as cancelled, dropping its callbacks: the pool was
     * terminated under it.
     */
    void abandon() {
        settlement.abandon();
    }

    /**
     * Cancels the job: its tasks that have not started never run. With
     * {@code mayInterruptIfRunning}, its running tasks are stopped too (after a grace of 1 s
     * their worker processes are replaced, as a task cannot be stopped inside its JVM);
     * without, they run to their end on their workers and their outcomes are recorded, though
     * this result still reports the job cancelled. Outcomes already recorded stay. On a pool of
     * {@link Pool#threads threads}, {@code mayInterruptIfRunning} interrupts the running tasks
     * at once. Blocks only while this result's error callbacks run, never for the running tasks.
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
        boolean cancelled = cancelJob.cancel(mayInterruptIfRunning);
        if (cancelled) {
            // Future's contract: once cancel returned true, isDone() is true.
            awaitReady();
        }
        return cancelled;
    }

    @Override
    public boolean isCancelled() {
        if (ready() && settlement.failure() instanceof CancellationException) {
            return true; // cancelled, or the pool was terminated under it
        }
        CompletableFuture<JobState> finished = signal.finished();
        return finished.isDone() && !finished.isCompletedExceptionally() && finished.join() == JobState.CANCELLED;
    }

    /** Cancels the job behind a result: whether it was this call that ended it. */
    @FunctionalInterface
    interface Canceller {
        boolean cancel(boolean stopRunning);
    }

    /** The same as {@link #ready()}. */
    @Override
    public boolean isDone() {
        return ready();
    }

    /**
     * Waits for {@code result} as a blocking call of the pool does: what made the job fail is
     * thrown as it is, not wrapped in an {@link ExecutionException}. The result must be one the
     * pool made for that call and handed to nobody, so that no callback can be registered on
     * it: its outcome is then read on this thread (see {@link Settlement#settleHere()}).
     *
     * @throws CancellationException if the job was cancelled or the wait interrupted
     */
    static <R> R await(AsyncResult<R> result) {
        try {
            result.settlement.settleHere();
            return result.outcome();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for job " + result.jobId());
        }
    }
}
