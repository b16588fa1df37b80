package io.mqpool;

import io.mqpool.engine.events.JobSignal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs of one {@link Pool}, whatever runs them: which are unfinished and which results are
 * not ready yet, so that closing the pool can wait for them and terminating it can cancel them;
 * and the pool's callback thread, on which results settle. Thread-safe.
 */
final class PoolJobs {

    private static final Logger log = LoggerFactory.getLogger(PoolJobs.class);
    /** While closing waits, it says this often which jobs it waits for. */
    private static final Duration WAIT_REPORT_INTERVAL = Duration.ofSeconds(10);

    private final CallbackThread callbacks = new CallbackThread();
    private final Set<JobSignal> unfinished = ConcurrentHashMap.newKeySet();
    /** Results not ready yet (outcome unread or callbacks not run): made ready before the pool stops. */
    private final Set<AsyncResult<?>> unsettled = ConcurrentHashMap.newKeySet();
    /** How the pool stopped ("closed", "terminated") once its results are going away; null before. */
    private volatile String closedBy;

    /** Counts the job as unfinished until its signal says it finished. */
    JobSignal track(JobSignal signal) {
        unfinished.add(signal);
        signal.finished().whenComplete((jobState, error) -> unfinished.remove(signal));
        return signal;
    }

    /**
     * The result of a tracked job, kept as unsettled until it is ready.
     *
     * @param assemble reads the finished job's outcomes into the result, once
     */
    <R> AsyncResult<R> result(JobSignal signal, Supplier<R> assemble, AsyncResult.Canceller cancelJob) {
        AsyncResult<R> result = new AsyncResult<>(signal, assemble, cancelJob, callbacks, unsettled::remove);
        unsettled.add(result);
        if (result.ready()) {
            unsettled.remove(result); // it was settled before it was added
        }
        return result;
    }

    /**
     * Blocks until every job submitted so far has finished and every result is ready (its
     * callbacks run), saying every 10 s which jobs it still waits for.
     */
    void awaitAll() {
        long reportEvery = WAIT_REPORT_INTERVAL.toMillis();
        for (JobSignal signal : List.copyOf(unfinished)) {
            while (!finishedWithin(signal, reportEvery)) {
                List<String> waiting = unfinished.stream().map(JobSignal::jobId).sorted().toList();
                log.info("close() waits for {} unfinished job{} ({}): cancel them, or call terminate() to stop at once",
                        waiting.size(), waiting.size() == 1 ? "" : "s", String.join(", ", waiting));
            }
        }
        for (AsyncResult<?> result : List.copyOf(unsettled)) {
            result.awaitReady();
        }
    }

    /** Waits up to {@code millis} for the job to end; an interrupt is kept for the caller and the wait goes on. */
    private static boolean finishedWithin(JobSignal signal, long millis) {
        try {
            signal.finished().handle((jobState, error) -> null).get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            // close() has always waited through an interrupt: it is passed on once the wait is over.
            Thread.currentThread().interrupt();
            signal.finished().handle((jobState, error) -> null).join();
            return true;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** Cancels every result not ready yet, dropping its callbacks. */
    void abandonUnsettled() {
        for (AsyncResult<?> result : List.copyOf(unsettled)) {
            result.abandon();
        }
    }

    /** Lets the queued callbacks finish, waiting up to {@code seconds}, then interrupts them. */
    void stopCallbacks(long seconds) {
        callbacks.stop(seconds);
    }

    /** Drops the queued callbacks and interrupts a running one. Does not wait. */
    void stopCallbacksNow() {
        callbacks.stopNow();
    }

    /** Tells the pool's sequences how the pool stopped, before the results they read go away. */
    void closing(String how) {
        closedBy = how;
    }

    /** How the pool stopped ("closed", "terminated"); null while it runs. */
    String closedBy() {
        return closedBy;
    }
}
