package io.mqpool.engine.events;

import io.mqpool.engine.store.JobState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signals of the jobs someone may be waiting on. A signal is dropped once its job
 * finishes; a waiter that arrives later reads the job's state from the store instead.
 */
public final class JobEvents {

    private final Map<String, JobSignal> signals = new ConcurrentHashMap<>();
    private volatile Throwable stopped;

    /** The signal of a job, made on first use. Fails at once if the engine has stopped. */
    public JobSignal signal(String jobId) {
        JobSignal signal = signals.computeIfAbsent(jobId, JobSignal::new);
        Throwable reason = stopped;
        if (reason != null) {
            signal.fail(reason);
        }
        return signal;
    }

    /** Forgets a signal that a waiter no longer needs (the job had already finished). */
    public void release(String jobId, JobSignal signal) {
        signals.remove(jobId, signal);
    }

    public void changed(String jobId) {
        JobSignal signal = signals.get(jobId);
        if (signal != null) {
            signal.changed();
        }
    }

    public void finished(String jobId, JobState state) {
        JobSignal signal = signals.remove(jobId);
        if (signal != null) {
            signal.finish(state);
        }
    }

    /** Fails the waiters of one job with {@code reason}: what ran it can no longer say how it ends. */
    public void failed(String jobId, Throwable reason) {
        JobSignal signal = signals.remove(jobId);
        if (signal != null) {
            signal.fail(reason);
        }
    }

    /** Fails every waiter, now and later, with {@code reason}: the engine has stopped. */
    public void stopAll(Throwable reason) {
        stopped = reason;
        signals.values().forEach(signal -> signal.fail(reason));
        signals.clear();
    }
}
