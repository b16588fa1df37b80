package io.mqpool.engine.store;

import java.time.Instant;

/**
 * A shared lock or semaphore as the store has it.
 *
 * @param fence the fencing token of its latest grant (0 before the first)
 * @param updatedAt when it was last granted
 */
public record LockRow(String name, LockKind kind, int permits, long fence, Instant updatedAt) {
}
