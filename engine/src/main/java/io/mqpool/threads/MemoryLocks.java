package io.mqpool.threads;

import io.mqpool.jobs.SharedLock;
import io.mqpool.jobs.SharedNames;
import io.mqpool.jobs.SharedSemaphore;
import io.mqpool.jobs.SharedStateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The locks and semaphores of a pool of threads, in memory: a fair {@link Semaphore} per name,
 * held by the thread that took it. The rules are those of the engine's: a fence that grows with
 * every grant, not reentrant, released once and only by its holder, a semaphore's permits fixed
 * by its first use, and what a task left held released when it ends. Thread-safe.
 */
final class MemoryLocks {

    /** One name's permits and fence; {@code lock} tells a lock from a semaphore. */
    private record Gate(boolean lock, int permits, Semaphore semaphore, AtomicLong fence) {
    }

    private final ConcurrentMap<String, Gate> gates = new ConcurrentHashMap<>();
    /** What each thread holds now, so that a task's leftovers can be released when it ends. */
    private final ThreadLocal<List<Hold>> heldByThread = ThreadLocal.withInitial(ArrayList::new);

    SharedLock lock(String name) {
        return acquire(name, true, 1, null).orElseThrow();
    }

    Optional<SharedLock> tryLock(String name, Duration wait) {
        SharedNames.checkWait(SharedNames.check(name), wait);
        return acquire(name, true, 1, wait).map(hold -> hold);
    }

    SharedSemaphore semaphore(String name, int permits) {
        SharedNames.checkPermits(SharedNames.check(name), permits);
        return new SharedSemaphore() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int permits() {
                return permits;
            }

            @Override
            public Permit acquire() {
                return MemoryLocks.this.acquire(name, false, permits, null).orElseThrow();
            }

            @Override
            public Optional<Permit> tryAcquire(Duration wait) {
                return MemoryLocks.this.acquire(name, false, permits, SharedNames.checkWait(name, wait))
                        .map(hold -> hold);
            }
        };
    }

    /** Releases what the current thread still holds; the pool calls it when a task ends. */
    void releaseLeftovers() {
        for (Hold hold : List.copyOf(heldByThread.get())) {
            hold.close();
        }
    }

    private Optional<Hold> acquire(String name, boolean lock, int permits, Duration wait) {
        SharedNames.check(name);
        Gate gate = gates.computeIfAbsent(name, created -> new Gate(lock, permits, new Semaphore(permits, true),
                new AtomicLong()));
        if (gate.lock() != lock) {
            throw new SharedStateException("'" + name + "' is a shared " + (gate.lock() ? "lock" : "semaphore")
                    + ", not a " + (lock ? "lock" : "semaphore"));
        }
        if (gate.permits() != permits) {
            throw new SharedStateException("the shared semaphore '" + name + "' has " + gate.permits()
                    + " permits, not " + permits);
        }
        List<Hold> mine = heldByThread.get();
        if (lock && mine.stream().anyMatch(h -> h.gate == gate)) {
            throw new SharedStateException("the lock '" + name + "' is held by this worker already: "
                    + "shared locks are not reentrant");
        }
        try {
            if (wait == null) {
                gate.semaphore().acquire();
            } else if (!gate.semaphore().tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SharedStateException("interrupted while waiting for '" + name + "'");
        }
        Hold hold = new Hold(name, gate, gate.fence().incrementAndGet(), mine);
        mine.add(hold);
        return Optional.of(hold);
    }

    /** A grant held by one thread: a lock, or one permit of a semaphore. */
    private static final class Hold implements SharedLock, SharedSemaphore.Permit {

        private final String name;
        private final Gate gate;
        private final long fence;
        private final List<Hold> heldByOwner;
        private final Thread owner = Thread.currentThread();
        private boolean released;

        Hold(String name, Gate gate, long fence, List<Hold> heldByOwner) {
            this.name = name;
            this.gate = gate;
            this.fence = fence;
            this.heldByOwner = heldByOwner;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long fence() {
            return fence;
        }

        @Override
        public void unlock() {
            releaseOnce();
        }

        @Override
        public void release() {
            releaseOnce();
        }

        @Override
        public synchronized void close() {
            if (!released) {
                releaseOnce();
            }
        }

        private synchronized void releaseOnce() {
            String what = gate.lock() ? "the lock '" + name + "'" : "this permit of the semaphore '" + name + "'";
            if (released) {
                throw new IllegalMonitorStateException(what + " was released already");
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalMonitorStateException(what + " is held by " + owner.getName() + ", not by "
                        + Thread.currentThread().getName());
            }
            released = true;
            heldByOwner.remove(this);
            gate.semaphore().release();
        }
    }
}
