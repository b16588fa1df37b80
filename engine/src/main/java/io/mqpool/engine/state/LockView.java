package io.mqpool.engine.state;

import io.mqpool.engine.store.LockKind;
import java.util.List;

/**
 * A shared lock or semaphore as the caller and the HTTP API see it.
 *
 * @param fence the fencing token of its latest grant
 * @param holders who holds it now, one per grant
 * @param waiting how many workers wait for it now
 */
public record LockView(String name, LockKind kind, int permits, long fence, List<LockUse.Holder> holders,
                       int waiting) {
}
