package io.mqpool.worker;

/**
 * Decides whether a worker may hold chunks ahead of the one it runs. Holding a few saves a
 * broker round trip per chunk, which is most of the cost of a chunk of tiny tasks; but a chunk
 * held behind a long one waits for it while other workers may be idle. So a worker takes one
 * chunk at a time until its chunks have been quick for a while, and goes back to one at a time
 * once they are not. A chunk that runs long while others are held has them handed back at
 * once (see {@link TaskFeed}), so a held chunk never waits long behind a slow one.
 *
 * <p>Quick is judged on a moving average, not chunk by chunk: on a busy machine a tiny chunk
 * now and then takes a few milliseconds of wall time, and each change of mode costs a consumer.
 */
final class PrefetchPolicy {

    /** Chunks seen, after a start or a long chunk, before the worker may hold chunks ahead. */
    static final int CHUNKS_BEFORE_HOLDING = 16;
    /** The average chunk time under which the worker starts holding chunks ahead. */
    static final long START_HOLDING_BELOW_NANOS = 2_000_000;
    /** The average chunk time from which it stops. */
    static final long STOP_HOLDING_FROM_NANOS = 5_000_000;
    /** A chunk running this long while others are held makes the worker hand them back. */
    static final long HAND_BACK_AFTER_NANOS = 20_000_000;
    /** Weight of the newest chunk in the moving average. */
    private static final double NEWEST_WEIGHT = 1.0 / 8;

    private final int windowBytes;
    private double averageNanos;
    private int seen;
    private boolean holding;

    /** @param windowBytes bytes of chunks a worker may hold ahead; 0 never holds any */
    PrefetchPolicy(int windowBytes) {
        this.windowBytes = windowBytes;
    }

    /** Notes how long a chunk ran. */
    void ran(long nanos) {
        if (handBackDue(nanos)) {
            // Jobs of long chunks may follow: start over, one chunk at a time.
            startOver();
            return;
        }
        averageNanos = seen == 0 ? nanos : averageNanos + (nanos - averageNanos) * NEWEST_WEIGHT;
        seen = Math.min(seen + 1, CHUNKS_BEFORE_HOLDING);
        holding = holding ? averageNanos < STOP_HOLDING_FROM_NANOS
                : seen >= CHUNKS_BEFORE_HOLDING && averageNanos < START_HOLDING_BELOW_NANOS;
    }

    /** Takes one chunk at a time again until chunks have been quick for a while. */
    void startOver() {
        seen = 0;
        holding = false;
    }

    /** The consumer window the next receive should use: 0 takes one chunk at a time. */
    int window() {
        return holding ? windowBytes : 0;
    }

    /** Whether the chunks held ahead of one that has run for {@code runningNanos} should go back. */
    static boolean handBackDue(long runningNanos) {
        return runningNanos >= HAND_BACK_AFTER_NANOS;
    }
}
