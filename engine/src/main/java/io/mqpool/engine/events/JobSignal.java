package io.mqpool.engine.events;

import io.mqpool.engine.store.JobState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wakes whoever waits on one job: a version that moves on every batch of new outcomes, and a
 * future that completes when the job finishes (or fails when the engine stops under it).
 */
public final class JobSignal {

    private final String jobId;
    private final CompletableFuture<JobState> finished = new CompletableFuture<>();
    private long version;

    JobSignal(String jobId) {
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }

    /** Completes with the job's final state; fails if the engine stopped first. */
    public CompletableFuture<JobState> finished() {
        return finished;
    }

    public synchronized long version() {
        return version;
    }

    /**
     * Blocks until the version moves past {@code seen}, the job finishes, or the timeout ends.
     *
     * @return the version now
     * @throws InterruptedException if interrupted while waiting
     */
    public synchronized long awaitChange(long seen, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (version == seen && !finished.isDone()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return version;
    }

    synchronized void changed() {
        version++;
        notifyAll();
    }

    synchronized void finish(JobState state) {
        version++;
        finished.complete(state);
        notifyAll();
    }

    synchronized void fail(Throwable error) {
        version++;
        finished.completeExceptionally(error);
        notifyAll();
    }
}
