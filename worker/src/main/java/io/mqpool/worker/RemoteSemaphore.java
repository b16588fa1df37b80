package io.mqpool.worker;

import io.mqpool.broker.StateRequest.Op;
import io.mqpool.jobs.SharedNames;
import io.mqpool.jobs.SharedSemaphore;
import java.time.Duration;
import java.util.Optional;

/** A shared semaphore seen from a task: each acquire is a request to the engine through {@link LockHolds}. */
record RemoteSemaphore(LockHolds holds, String name, int permits) implements SharedSemaphore {

    @Override
    public Permit acquire() {
        return holds.acquire(Op.ACQUIRE, name, permits, null).orElseThrow();
    }

    @Override
    public Optional<Permit> tryAcquire(Duration wait) {
        return holds.acquire(Op.ACQUIRE, name, permits, SharedNames.checkWait(name, wait)).map(hold -> hold);
    }
}
