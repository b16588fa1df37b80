package io.mqpool.engine.state;

import java.time.Instant;
import java.util.List;

/**
 * Who holds a shared lock or semaphore now, and how many wait for it.
 *
 * @param holders one per grant held, oldest first
 */
public record LockUse(List<Holder> holders, int waiting) {

    /** One grant: the worker that holds it, its fencing token, since when. */
    public record Holder(String workerId, long pid, long fence, Instant since) {
    }

    public static final LockUse FREE = new LockUse(List.of(), 0);
}
