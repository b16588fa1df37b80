package io.mqpool;

import io.mqpool.engine.events.JobSignal;
import io.mqpool.engine.store.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an {@link AsyncResult} becomes complete: once its job ends, its outcome is read on the
 * pool's callback thread, then every callback registered so far runs, each exactly once, and
 * only then is it settled. A callback registered after that runs at once, on its caller's thread.
 */
final class Settlement<R> {

    private static final Logger log = LoggerFactory.getLogger(Settlement.class);

    /** Where the result is: its job running, its callbacks running, or complete. */
    private enum Stage { RUNNING, SETTLING, SETTLED }

    private final JobSignal signal;
    private final Supplier<R> assemble;
    private final CallbackThread callbacks;
    private final Runnable whenSettled;
    /** Completes once the outcome is read and the callbacks registered before have run. */
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private final List<Runnable> pending = new ArrayList<>();
    private Stage stage = Stage.RUNNING;
    private Thread settler;
    // Written before the stage leaves RUNNING, read after it did (under this lock or after
    // `settled` completed, which orders the writes before the reads).
    private R value;
    private Throwable failure;

    /**
     * @param assemble reads the finished job's outcomes into the result, once; throws
     *     {@link TaskFailedException} for a failed task
     * @param whenSettled told once the result is complete, on the thread that completed it
     */
    Settlement(JobSignal signal, Supplier<R> assemble, CallbackThread callbacks, Runnable whenSettled) {
        this.signal = signal;
        this.assemble = assemble;
        this.callbacks = callbacks;
        this.whenSettled = whenSettled;
    }

    /**
     * Reads the outcome as soon as the job ends, off the collector's thread: it is then ready
     * even if the pool closes its store before anyone asks.
     */
    void start() {
        signal.finished().whenCompleteAsync((state, error) -> settle(), callbacks);
    }

    String jobId() {
        return signal.jobId();
    }

    boolean isSettled() {
        return settled.isDone();
    }

    /** What the job produced; meaningful once the outcome is read. */
    R value() {
        return value;
    }

    /** Why the job did not produce a value, or null; meaningful once the outcome is read. */
    Throwable failure() {
        return failure;
    }

    /**
     * Waits until the outcome may be handed to this thread: the result is settled, or this
     * thread is the one running its callbacks.
     *
     * @param timeoutNanos {@link Long#MAX_VALUE} for no bound
     * @return false if the time ran out first
     */
    boolean await(long timeoutNanos) throws InterruptedException {
        synchronized (this) {
            if (stage == Stage.SETTLING && settler == Thread.currentThread()) {
                return true;
            }
        }
        // The callback thread would wait for itself, as the settling of this result may be
        // queued behind the callback that asks: it waits for the job instead and settles here.
        boolean help = callbacks.isCurrent();
        try {
            CompletableFuture<?> awaited = help ? signal.finished() : settled;
            if (timeoutNanos == Long.MAX_VALUE) {
                awaited.get();
            } else {
                awaited.get(timeoutNanos, TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            // Only that it ended matters here: settle() reads how.
        } catch (TimeoutException e) {
            return false;
        }
        if (help) {
            settle();
        }
        return true;
    }

    /**
     * Waits for the job to end, then reads its outcome on this thread, unless another thread
     * does already (then waits for it). Only for a result on which no callback can be
     * registered, as nobody else holds it (a blocking {@code map} or {@code apply}): it spares
     * the hand-off to the callback thread and back, which is most of the time of a quick job
     * on threads. Returns once the result is settled.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void settleHere() throws InterruptedException {
        try {
            // A result abandoned by terminate() settles without its job ending.
            CompletableFuture.anyOf(signal.finished(), settled).get();
        } catch (ExecutionException e) {
            // Only that it ended matters here: settle() reads how.
        }
        settle();
        try {
            settled.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a settlement never fails", e);
        }
    }

    /** Runs {@code callback} before the result is settled, or at once if it already is. */
    void register(Runnable callback) {
        synchronized (this) {
            if (stage != Stage.SETTLED) {
                pending.add(callback); // the settling thread runs it before the result is ready
                return;
            }
        }
        runSafely(callback);
    }

    /**
     * Ends a result that is not settling yet as cancelled, dropping its callbacks: the pool was
     * terminated under it.
     */
    void abandon() {
        synchronized (this) {
            if (stage != Stage.RUNNING) {
                return;
            }
            failure = new CancellationException("the pool was terminated before job " + jobId() + " finished");
            stage = Stage.SETTLED;
            if (!pending.isEmpty()) {
                log.debug("job {}: {} callbacks dropped by terminate()", jobId(), pending.size());
            }
            pending.clear();
        }
        settled.complete(null);
        whenSettled.run();
    }

    /** Reads the outcome of the finished job, then runs the callbacks; once. */
    private void settle() {
        synchronized (this) {
            if (stage != Stage.RUNNING) {
                return;
            }
            stage = Stage.SETTLING;
            settler = Thread.currentThread();
        }
        try {
            readOutcome();
            runCallbacks();
        } finally {
            synchronized (this) {
                stage = Stage.SETTLED; // already, unless an Error escaped
                settler = null;
            }
            settled.complete(null);
            whenSettled.run();
        }
    }

    private void readOutcome() {
        try {
            JobState state = signal.finished().join();
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
    }

    /**
     * Runs the pending callbacks, including those registered while they run, and marks the
     * result settled in the same step that finds none left, so none registered meanwhile is lost.
     */
    private void runCallbacks() {
        while (true) {
            List<Runnable> batch;
            synchronized (this) {
                if (pending.isEmpty()) {
                    stage = Stage.SETTLED;
                    return;
                }
                batch = List.copyOf(pending);
                pending.clear();
            }
            batch.forEach(this::runSafely);
        }
    }

    private void runSafely(Runnable callback) {
        try {
            callback.run();
        } catch (Throwable e) { // a user's callback must not stop the others, nor the callback thread
            log.warn("a callback of job {} threw; the job's result stands", jobId(), e);
        }
    }
}
