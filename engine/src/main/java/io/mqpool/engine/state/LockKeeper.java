package io.mqpool.engine.state;

import io.mqpool.broker.LockRequest;
import io.mqpool.broker.StateReply;
import io.mqpool.broker.StateRequest.Op;
import io.mqpool.broker.StateSession;
import io.mqpool.engine.store.LockKind;
import io.mqpool.engine.store.LockRow;
import io.mqpool.engine.store.SharedLocks;
import io.mqpool.jobs.SharedNames;
import jakarta.jms.Destination;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds which lock and permit, and who waits: in memory, since every hold belongs to a
 * worker's session and no session outlives the engine (a restart frees every lock; the fence
 * in the store keeps growing). Each grant takes its fencing token from the store before it is
 * answered.
 *
 * <p>A session ends when the supervisor reports its worker's death, when it holds or waits
 * for something and its heartbeat lapses, or when an operator forces a release. Its holds go
 * to the next waiters at once, and its later requests are answered "lost", which the worker
 * turns into a {@code LockOwnershipLostException}.
 *
 * <p>Thread-safe. Answers are not sent from here: they collect in an outbox that the state
 * service, which owns the broker session, empties every turn (within 50 ms), so that the
 * supervisor's and the HTTP API's threads can end sessions too.
 */
final class LockKeeper {

    /** An answer to send: to a request's reply-to, with its correlation id. */
    record Answer(Destination to, String correlation, StateReply reply) {
    }

    /** The longest a LOCK or ACQUIRE waits on this side before it is answered without a grant. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);
    /** How many ended sessions and revoked grants are remembered, to answer "lost" rather than "not held". */
    private static final int REMEMBERED = 10_000;
    /** How many locks nobody holds are kept in memory before they are dropped. */
    private static final int KEPT_IDLE = 1_000;

    private record Hold(StateSession session, long fence, Instant since) {
    }

    private record Waiter(StateSession session, Destination replyTo, String correlation, long deadlineNanos) {
    }

    private static final class Lock {
        final String name;
        final LockKind kind;
        final int permits;
        final Map<Long, Hold> holds = new LinkedHashMap<>();
        final Deque<Waiter> waiters = new ArrayDeque<>();

        Lock(String name, LockKind kind, int permits) {
            this.name = name;
            this.kind = kind;
            this.permits = permits;
        }

        boolean idle() {
            return holds.isEmpty() && waiters.isEmpty();
        }
    }

    private static final class Session {
        final StateSession id;
        long lastSeenNanos;

        Session(StateSession id, long now) {
            this.id = id;
            this.lastSeenNanos = now;
        }
    }

    private final SharedLocks store;
    private final Clock clock;
    private final Duration lapse;
    private final Map<String, Lock> locks = new HashMap<>();
    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, String> endedSessions = remembered();
    private final Map<String, String> revokedGrants = remembered();
    private final List<Answer> outbox = new ArrayList<>();

    /** @param lapse how long a session that holds or waits for something may go without a heartbeat */
    LockKeeper(SharedLocks store, Clock clock, Duration lapse) {
        this.store = store;
        this.clock = clock;
        this.lapse = lapse;
    }

    /** Handles one request; its answer, when it has one now, goes to the outbox. */
    synchronized void handle(LockRequest request, Destination replyTo, String correlation, long nowNanos) {
        String ended = endedSessions.get(request.session().id());
        if (ended != null) {
            if (request.op() != Op.HEARTBEAT) {
                answer(replyTo, correlation, StateReply.lost(ended));
            }
            return;
        }
        boolean known = sessions.containsKey(request.session().id());
        if (!known && (request.op() == Op.UNLOCK || request.op() == Op.RELEASE)) {
            // A session that holds something is never forgotten: this one is from before a restart.
            answer(replyTo, correlation, StateReply.lost("the engine restarted since '" + request.name()
                    + "' was granted, which freed every lock"));
            return;
        }
        Session session = sessions.computeIfAbsent(request.session().id(), id -> new Session(request.session(), nowNanos));
        session.lastSeenNanos = nowNanos;
        try {
            switch (request.op()) {
                case HEARTBEAT -> { }
                case LOCK -> acquire(request, LockKind.LOCK, 1, replyTo, correlation, nowNanos);
                case ACQUIRE -> acquire(request, LockKind.SEMAPHORE,
                        SharedNames.checkPermits(request.name(), request.permits()), replyTo, correlation, nowNanos);
                case UNLOCK, RELEASE -> release(request, replyTo, correlation);
                default -> throw new IllegalArgumentException(request.op() + " is not an operation on a lock");
            }
        } catch (IllegalArgumentException e) {
            answer(replyTo, correlation, StateReply.refused(e.getMessage()));
        }
    }

    /**
     * Answers the waits that timed out and ends the sessions whose heartbeat lapsed while they
     * held or waited for something; forgets idle sessions.
     */
    synchronized void expire(long nowNanos) {
        for (Lock lock : locks.values()) {
            for (Iterator<Waiter> it = lock.waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (nowNanos - waiter.deadlineNanos >= 0) {
                    it.remove();
                    answer(waiter.replyTo, waiter.correlation, new StateReply(0, false, null));
                }
            }
        }
        List<Session> lapsed = new ArrayList<>();
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
            Session session = it.next();
            if (nowNanos - session.lastSeenNanos > lapse.toNanos()) {
                if (holdsOrWaits(session.id)) {
                    lapsed.add(session);
                } else {
                    it.remove();
                }
            }
        }
        for (Session session : lapsed) {
            end(session.id, session.id.holder() + " sent no heartbeat for " + lapse.toSeconds()
                    + " s, so the engine ended its session and freed what it held");
        }
        forgetIdleLocks();
    }

    /** The supervisor saw this worker process die: what it held goes to the next waiters now. */
    synchronized void workerDied(String workerId, long pid) {
        for (Session session : List.copyOf(sessions.values())) {
            if (session.id.workerId().equals(workerId) && session.id.pid() == pid) {
                end(session.id, session.id.holder() + " died");
            }
        }
        forgetIdleLocks();
    }

    /**
     * An operator frees {@code name}: every hold of it is taken back (its holder gets a
     * {@code LockOwnershipLostException} on its next use), and the next waiters are granted.
     *
     * @return how many holds were taken back
     */
    synchronized int forceRelease(String name) {
        Lock lock = locks.get(name);
        if (lock == null) {
            return 0;
        }
        int taken = lock.holds.size();
        for (Hold hold : lock.holds.values()) {
            revokedGrants.put(grantKey(name, hold.fence), "an operator forced '" + name + "' free");
        }
        lock.holds.clear();
        grantWaiters(lock);
        forgetIdleLocks();
        return taken;
    }

    /**
     * Forgets the lock or semaphore {@code name} of {@code kind} in the store, unless someone
     * holds or waits for it: done here, under the same monitor as every grant, so that no grant
     * slips in between the check and the delete.
     *
     * @return false if there is none of that kind
     * @throws IllegalStateException when it is held or waited for
     */
    synchronized boolean deleteIfIdle(String name, LockKind kind) {
        Lock lock = locks.get(name);
        if (lock != null && !lock.idle()) {
            throw new IllegalStateException("'" + name + "' is held or waited for: force it free first");
        }
        if (store.find(name).filter(row -> row.kind() == kind).isEmpty()) {
            return false;
        }
        locks.remove(name);
        return store.delete(name);
    }

    /** The answers collected since the last call. */
    synchronized List<Answer> drainOutbox() {
        if (outbox.isEmpty()) {
            return List.of();
        }
        List<Answer> answers = List.copyOf(outbox);
        outbox.clear();
        return answers;
    }

    /** Who holds {@code name} now and how many wait; empty when nobody does either. */
    synchronized Optional<LockUse> use(String name) {
        Lock lock = locks.get(name);
        if (lock == null || lock.idle()) {
            return Optional.empty();
        }
        List<LockUse.Holder> holders = lock.holds.values().stream()
                .map(h -> new LockUse.Holder(h.session.workerId(), h.session.pid(), h.fence, h.since))
                .toList();
        return Optional.of(new LockUse(holders, lock.waiters.size()));
    }

    // ---- internals ---------------------------------------------------------------------------

    private void acquire(LockRequest request, LockKind kind, int permits, Destination replyTo, String correlation,
                         long nowNanos) {
        String name = SharedNames.check(request.name());
        Lock lock = locks.get(name);
        if (lock == null) {
            LockRow row = store.define(name, kind, permits);
            lock = new Lock(name, row.kind(), row.permits());
            locks.put(name, lock);
        } else {
            checkKind(lock, kind, permits);
        }
        if (kind == LockKind.LOCK) {
            // A grant whose answer the worker missed (it asked again): the same grant again.
            for (Hold hold : lock.holds.values()) {
                if (hold.session.equals(request.session())) {
                    answer(replyTo, correlation, new StateReply(hold.fence, true, null));
                    return;
                }
            }
        }
        lock.waiters.removeIf(w -> w.session.equals(request.session())); // an earlier round of this wait
        if (lock.holds.size() < lock.permits && lock.waiters.isEmpty()) {
            grant(lock, request.session(), replyTo, correlation);
        } else if (request.waitMillis() == 0) {
            answer(replyTo, correlation, new StateReply(0, false, null));
        } else {
            long wait = Math.min(request.waitMillis(), MAX_WAIT.toMillis());
            lock.waiters.addLast(new Waiter(request.session(), replyTo, correlation, nowNanos + wait * 1_000_000));
        }
    }

    private void checkKind(Lock lock, LockKind kind, int permits) {
        if (lock.kind != kind) {
            throw new IllegalArgumentException("'" + lock.name + "' is a shared " + lock.kind.word() + ", not a "
                    + kind.word());
        }
        if (lock.permits != permits) {
            throw new IllegalArgumentException("the shared semaphore '" + lock.name + "' has " + lock.permits
                    + " permits, not " + permits);
        }
    }

    private void release(LockRequest request, Destination replyTo, String correlation) {
        String name = request.name();
        Lock lock = locks.get(name);
        Hold hold = lock == null ? null : lock.holds.get(request.fence());
        if (hold != null && hold.session.equals(request.session())) {
            lock.holds.remove(request.fence());
            answer(replyTo, correlation, new StateReply(request.fence(), true, null));
            grantWaiters(lock);
            forgetIdleLocks();
            return;
        }
        String revoked = revokedGrants.get(grantKey(name, request.fence()));
        if (revoked != null) {
            answer(replyTo, correlation, StateReply.lost(revoked));
        } else if (hold != null) {
            answer(replyTo, correlation, StateReply.refused("'" + name + "' (fence " + request.fence()
                    + ") is held by " + hold.session.holder() + ", not by " + request.session().holder()));
        } else if (lock == null && store.find(name).isEmpty()) {
            answer(replyTo, correlation, StateReply.refused("there is no shared lock or semaphore '" + name + "'"));
        } else {
            answer(replyTo, correlation, StateReply.refused("'" + name + "' (fence " + request.fence()
                    + ") is not held by " + request.session().holder() + ": it was released already"));
        }
    }

    private void grant(Lock lock, StateSession session, Destination replyTo, String correlation) {
        long fence = store.nextFence(lock.name);
        lock.holds.put(fence, new Hold(session, fence, clock.instant()));
        answer(replyTo, correlation, new StateReply(fence, true, null));
    }

    private void grantWaiters(Lock lock) {
        while (lock.holds.size() < lock.permits && !lock.waiters.isEmpty()) {
            Waiter next = lock.waiters.removeFirst();
            grant(lock, next.session, next.replyTo, next.correlation);
        }
    }

    /** Ends a session: its holds go to the waiters, its waits are answered "lost". */
    private void end(StateSession session, String reason) {
        sessions.remove(session.id());
        endedSessions.put(session.id(), reason);
        for (Lock lock : locks.values()) {
            boolean freed = lock.holds.values().removeIf(h -> h.session.equals(session));
            for (Iterator<Waiter> it = lock.waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (waiter.session.equals(session)) {
                    it.remove();
                    answer(waiter.replyTo, waiter.correlation, StateReply.lost(reason));
                }
            }
            if (freed) {
                grantWaiters(lock);
            }
        }
    }

    private boolean holdsOrWaits(StateSession session) {
        for (Lock lock : locks.values()) {
            if (lock.holds.values().stream().anyMatch(h -> h.session.equals(session))
                    || lock.waiters.stream().anyMatch(w -> w.session.equals(session))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Drops locks nobody holds or waits for once there are many: the store keeps their kind
     * and fence. Kept until then, a lock taken again and again is checked against the store
     * only on its first use.
     */
    private void forgetIdleLocks() {
        if (locks.size() > KEPT_IDLE) {
            locks.values().removeIf(Lock::idle);
        }
    }

    private void answer(Destination to, String correlation, StateReply reply) {
        if (to != null) {
            outbox.add(new Answer(to, correlation, reply));
        }
    }

    private static String grantKey(String name, long fence) {
        return name + "#" + fence;
    }

    private static Map<String, String> remembered() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > REMEMBERED;
            }
        };
    }
}
