package io.mqpool.worker;

import io.mqpool.broker.LockRequest;
import io.mqpool.broker.StateReply;
import io.mqpool.broker.StateRequest.Op;
import io.mqpool.broker.StateSession;
import io.mqpool.jobs.LockOwnershipLostException;
import io.mqpool.jobs.SharedLock;
import io.mqpool.jobs.SharedNames;
import io.mqpool.jobs.SharedSemaphore;
import io.mqpool.jobs.SharedStateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The locks and permits this worker holds, and the session they belong to. The session is
 * opened with the first request about a lock and kept alive by a heartbeat while the worker
 * holds or waits for anything; when the engine answers that it ended the session (the
 * heartbeat lapsed, or an operator forced a release), every hold is marked lost and the next
 * request opens a new session.
 */
final class LockHolds implements AutoCloseable {

    /**
     * How long one LOCK or ACQUIRE request waits on the engine's side before it is answered
     * without a grant and sent again: short, so that a request lost with an engine restart
     * costs little, and the session is seen alive while waiting.
     */
    static final Duration ROUND = Duration.ofSeconds(2);
    /** How often the heartbeat goes out; the engine ends a session after {@code 10 s} without one. */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private final StateClient client;
    private final String workerId;
    private final long pid = ProcessHandle.current().pid();
    private final Set<RemoteHold> held = ConcurrentHashMap.newKeySet();
    private volatile StateSession session;
    private Thread heartbeat;

    LockHolds(StateClient client, String workerId) {
        this.client = client;
        this.workerId = workerId;
    }

    SharedLock lock(String name) {
        return acquire(Op.LOCK, SharedNames.check(name), 1, null).orElseThrow();
    }

    Optional<SharedLock> tryLock(String name, Duration wait) {
        SharedNames.checkWait(SharedNames.check(name), wait);
        return acquire(Op.LOCK, name, 1, wait).map(hold -> hold);
    }

    SharedSemaphore semaphore(String name, int permits) {
        SharedNames.check(name);
        return new RemoteSemaphore(this, name, SharedNames.checkPermits(name, permits));
    }

    /**
     * Waits until the engine grants {@code name}, for at most {@code wait} (for ever when null).
     *
     * @throws SharedStateException when this worker holds the lock already, or the engine refuses
     */
    Optional<RemoteHold> acquire(Op op, String name, int permits, Duration wait) {
        if (op == Op.LOCK && held.stream().anyMatch(h -> h.isLock() && h.name().equals(name))) {
            throw new SharedStateException("the lock '" + name + "' is held by this worker already: "
                    + "shared locks are not reentrant");
        }
        long deadline = wait == null ? Long.MAX_VALUE : System.nanoTime() + wait.toNanos();
        while (true) {
            long leftMillis = wait == null ? ROUND.toMillis()
                    : Math.max(0, Math.min(ROUND.toMillis(), (deadline - System.nanoTime()) / 1_000_000));
            StateSession current = session();
            StateReply reply = client.call(new LockRequest(op, name, current, permits, leftMillis, 0));
            if (reply.lost()) {
                sessionEnded(current, reply.error());
                continue; // the next round opens a new session
            }
            if (reply.error() != null) {
                throw new SharedStateException(reply.error());
            }
            if (reply.changed()) {
                RemoteHold hold = new RemoteHold(this, op == Op.LOCK, name, reply.value(), current);
                held.add(hold);
                return Optional.of(hold);
            }
            if (wait != null && System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new SharedStateException("interrupted while waiting for '" + name + "'");
            }
        }
    }

    /**
     * Gives {@code hold} back to the engine.
     *
     * @throws LockOwnershipLostException when the engine ended the hold's session first
     */
    void release(RemoteHold hold) {
        held.remove(hold);
        if (hold.lostReason() != null) {
            throw lost(hold, hold.lostReason());
        }
        StateReply reply = client.call(new LockRequest(hold.isLock() ? Op.UNLOCK : Op.RELEASE, hold.name(),
                hold.session(), 1, 0, hold.fence()));
        if (reply.lost()) {
            sessionEnded(hold.session(), reply.error());
            throw lost(hold, reply.error());
        }
        if (reply.error() != null) {
            throw new SharedStateException(reply.error());
        }
    }

    /**
     * Releases what a task left held when it ended, so that it does not block the pool; returns
     * a line naming each, for the worker's log.
     */
    List<String> releaseLeftovers() {
        List<String> released = new ArrayList<>();
        for (RemoteHold hold : List.copyOf(held)) {
            String what = (hold.isLock() ? "lock '" : "a permit of semaphore '") + hold.name() + "'";
            try {
                hold.close();
                released.add(what + "; released it");
            } catch (SharedStateException e) {
                released.add(what + ", which it had lost: " + e.getMessage());
            }
        }
        return released;
    }

    private static LockOwnershipLostException lost(RemoteHold hold, String reason) {
        return new LockOwnershipLostException((hold.isLock() ? "the lock '" : "a permit of the semaphore '")
                + hold.name() + "' (fence " + hold.fence() + ") is no longer held by this worker: " + reason);
    }

    /** The current session, opened (with its heartbeat) on first use. */
    private synchronized StateSession session() {
        if (session == null) {
            session = new StateSession(UUID.randomUUID().toString(), workerId, pid);
            if (heartbeat == null) {
                heartbeat = new Thread(this::beat, "mqpool-state-heartbeat");
                heartbeat.setDaemon(true);
                heartbeat.start();
            }
        }
        return session;
    }

    /** The engine ended {@code ended}: its holds are lost, and the next request opens a new session. */
    private synchronized void sessionEnded(StateSession ended, String reason) {
        for (RemoteHold hold : held) {
            if (hold.session().equals(ended)) {
                hold.markLost(reason);
            }
        }
        if (ended.equals(session)) {
            session = null;
        }
    }

    private void beat() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(HEARTBEAT.toMillis());
                StateSession current = session;
                if (current != null) {
                    client.post(LockRequest.heartbeat(current));
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.interrupt();
            heartbeat = null;
        }
    }
}
