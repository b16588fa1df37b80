package io.mqpool.engine.dispatch;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job the dispatcher is sending: where its chunks come from, how many are in flight and,
 * for a job with a limit of its own, how many are still ahead of whoever takes its results.
 */
final class ActiveJob {

    private final DispatchedJob job;
    private final ChunkSource source;
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger taken = new AtomicInteger();
    /**
     * When each chunk in flight was sent (System.nanoTime), for the round-trip histogram: put by
     * the dispatcher, taken by the collector. Bounded like the chunks in flight; chunks sent
     * before a restart, or whose outcome comes by another way, leave with the job.
     */
    private final Map<Integer, Long> sentAtNanos = new ConcurrentHashMap<>();
    private volatile boolean limitLifted;
    private int sent;
    private boolean exhausted;
    /** The priority of the chunk sent last: a job's chunks never overtake its earlier ones. */
    private int lastPriority;

    ActiveJob(DispatchedJob job, ChunkSource source, int sent) {
        this.job = job;
        this.source = source;
        this.sent = sent;
        this.lastPriority = ChunkPriority.top(job.priority());
    }

    String id() {
        return job.jobId();
    }

    String taskName() {
        return job.taskName();
    }

    long taskTimeoutMillis() {
        return job.taskTimeoutMillis();
    }

    ChunkSource source() {
        return source;
    }

    /** Only the dispatcher thread calls this. */
    void sent(int count) {
        sent += count;
    }

    void sentAt(List<Integer> chunkNos, long nanos) {
        for (Integer chunkNo : chunkNos) {
            sentAtNanos.put(chunkNo, nanos);
        }
    }

    /** When chunk {@code chunkNo} was sent, forgotten now; null if this dispatcher did not send it. */
    Long takeSentAt(int chunkNo) {
        return sentAtNanos.remove(chunkNo);
    }

    void completed(int count) {
        completed.addAndGet(count);
    }

    void taken(int count) {
        taken.addAndGet(count);
    }

    /** From now on only the dispatcher's own bound applies: nobody will take the results. */
    void liftLimit() {
        limitLifted = true;
    }

    int inFlight() {
        return sent - completed.get();
    }

    /**
     * The broker priority of the chunk that goes out {@code aheadInBatch} chunks after the ones
     * counted as sent so far. Only the dispatcher thread calls this.
     */
    int priorityOfNext(int aheadInBatch) {
        lastPriority = Math.min(lastPriority, ChunkPriority.of(job.priority(), inFlight() + aheadInBatch));
        return lastPriority;
    }

    /** How many more chunks may be sent now, given the dispatcher's own bound. */
    int room(int maxInFlight) {
        int room = maxInFlight - inFlight();
        if (job.chunkLimit() > 0 && !limitLifted) {
            int ahead = job.limitByConsumer() ? sent - taken.get() : inFlight();
            room = Math.min(room, job.chunkLimit() - ahead);
        }
        return room;
    }

    boolean exhausted() {
        return exhausted;
    }

    void markExhausted() {
        exhausted = true;
    }
}
