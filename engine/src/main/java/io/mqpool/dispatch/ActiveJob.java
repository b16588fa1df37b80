package io.mqpool.dispatch;

import java.util.concurrent.atomic.AtomicInteger;

/** A job the dispatcher is sending: where its chunks come from and how many are in flight. */
final class ActiveJob {

    private final String id;
    private final String taskName;
    private final long taskTimeoutMillis;
    private final ChunkSource source;
    private final AtomicInteger completed = new AtomicInteger();
    private int sent;
    private boolean exhausted;

    ActiveJob(String id, String taskName, long taskTimeoutMillis, ChunkSource source, int sent) {
        this.id = id;
        this.taskName = taskName;
        this.taskTimeoutMillis = taskTimeoutMillis;
        this.source = source;
        this.sent = sent;
    }

    String id() {
        return id;
    }

    String taskName() {
        return taskName;
    }

    long taskTimeoutMillis() {
        return taskTimeoutMillis;
    }

    ChunkSource source() {
        return source;
    }

    /** Only the dispatcher thread calls this. */
    void sent(int count) {
        sent += count;
    }

    void completed(int count) {
        completed.addAndGet(count);
    }

    int inFlight() {
        return sent - completed.get();
    }

    boolean exhausted() {
        return exhausted;
    }

    void markExhausted() {
        exhausted = true;
    }
}
