package io.mqpool.jobs;

import java.time.Duration;
import java.util.Optional;

/**
 * A semaphore shared under one name by every task of a pool (or of a server): the seed's
 * {@code multiprocessing.Semaphore}, capping how many tasks use a resource at once, whatever
 * worker process they run in.
 *
 * <pre>{@code
 * try (var permit = ctx.semaphore("db", 2).acquire()) {
 *     // at most 2 tasks are here at once
 * }
 * }</pre>
 *
 * <p>A permit belongs to the worker that acquired it, as a {@link SharedLock} does: only that
 * worker releases it, and the permits of a worker that dies, or whose session's heartbeat
 * lapses, come back by themselves. A task that ends holding permits has them released for it.
 * The number of permits is fixed by the semaphore's first use.
 *
 * @throws SharedStateException from any method, when the engine cannot be reached or refuses
 */
public interface SharedSemaphore {

    /** The semaphore's name. */
    String name();

    /** How many permits the semaphore has in all. */
    int permits();

    /** Blocks until a permit is free, and takes it. */
    Permit acquire();

    /** Takes a permit if one comes free within {@code wait}; empty if none did. */
    Optional<Permit> tryAcquire(Duration wait);

    /** One permit of a semaphore, held by this task's worker until {@link #close()}. */
    interface Permit extends AutoCloseable {

        /** The semaphore's name. */
        String name();

        /**
         * Gives the permit back.
         *
         * @throws IllegalMonitorStateException when it was given back already
         * @throws LockOwnershipLostException when the engine ended this worker's session and
         *     took the permit back
         */
        void release();

        /** Gives the permit back unless {@link #release()} did already. */
        @Override
        void close();
    }
}
