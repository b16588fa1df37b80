package io.mqpool.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.broker.LockRequest;
import io.mqpool.broker.StateReply;
import io.mqpool.broker.StateRequest.Op;
import io.mqpool.broker.StateSession;
import io.mqpool.engine.store.JobStore;
import jakarta.jms.Destination;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's bookkeeping of locks and semaphores on a real H2 store, driven by hand with a
 * clock of its own: the order of waiters, timed-out waits, a lapsed heartbeat, a death, a
 * forced release, and what a holder hears after each.
 */
class LockKeeperIT {

    private static final long SECOND = 1_000_000_000L;
    private static final Duration LAPSE = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private JobStore store;
    private LockKeeper keeper;
    private final StateSession a = new StateSession("a", "w1", 101);
    private final StateSession b = new StateSession("b", "w2", 102);
    private final StateSession c = new StateSession("c", "w3", 103);
    private final Destination toA = new Destination() { };
    private final Destination toB = new Destination() { };
    private final Destination toC = new Destination() { };

    @BeforeEach
    void open() {
        store = JobStore.open(dir.resolve("db"), Clock.systemUTC());
        keeper = new LockKeeper(store.locks(), Clock.systemUTC(), LAPSE);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void waitersAreGrantedInTheOrderTheyCameWithGrowingFences() {
        StateReply first = only(lock(a, toA, 0, 0));
        lock(b, toB, 5_000, 0);
        lock(c, toC, 5_000, 0);
        assertTrue(keeper.drainOutbox().isEmpty(), "b and c wait");

        List<LockKeeper.Answer> afterA = unlock(a, toA, first.value(), 1);
        assertEquals(2, afterA.size());
        LockKeeper.Answer toBAnswer = afterA.stream().filter(x -> x.to() == toB).findFirst().orElseThrow();
        assertTrue(toBAnswer.reply().changed());
        assertEquals(first.value() + 1, toBAnswer.reply().value());
        assertEquals(1, keeper.use("door").orElseThrow().waiting(), "c still waits");
    }

    @Test
    void aWaitThatTimesOutIsAnsweredWithoutAGrant() {
        lock(a, toA, 0, 0);
        lock(b, toB, 1_000, 0);
        keeper.expire(2 * SECOND);
        StateReply answer = only(keeper.drainOutbox());
        assertFalse(answer.changed());
        assertEquals(0, keeper.use("door").orElseThrow().waiting());
    }

    @Test
    void aLapsedHolderLosesTheLockToTheNextWaiterAndHearsSoOnItsNextUse() {
        long fence = only(lock(a, toA, 0, 0)).value();
        lock(b, toB, 10_000, 9 * SECOND); // b's own request keeps b alive
        keeper.expire(11 * SECOND);
        StateReply granted = only(keeper.drainOutbox());
        assertTrue(granted.changed());
        assertTrue(granted.value() > fence);

        StateReply told = only(unlock(a, toA, fence, 12 * SECOND));
        assertTrue(told.lost(), told.toString());
        assertEquals("worker w1 (pid 101) sent no heartbeat for 10 s, so the engine ended its session and freed "
                + "what it held", told.error());
    }

    @Test
    void heartbeatsKeepAHolderAlive() {
        lock(a, toA, 0, 0);
        for (long t = 1; t <= 30; t++) {
            keeper.handle(LockRequest.heartbeat(a), null, null, t * SECOND);
            keeper.expire(t * SECOND);
        }
        assertEquals(1, keeper.use("door").orElseThrow().holders().size());
    }

    @Test
    void aDeadWorkersHoldsGoToTheWaitersAtOnceButOnlyThatProcesssHolds() {
        lock(a, toA, 0, 0);
        lock(b, toB, 5_000, 0);
        keeper.drainOutbox();

        keeper.workerDied("w1", 999); // the slot's next process died, not a's
        assertTrue(keeper.drainOutbox().isEmpty());
        keeper.workerDied("w1", 101);
        assertTrue(only(keeper.drainOutbox()).changed());
    }

    @Test
    void anOperatorsReleaseGrantsTheWaiterAndTheHolderHearsItLost() {
        long fence = only(lock(a, toA, 0, 0)).value();
        lock(b, toB, 5_000, 0);

        assertEquals(1, keeper.forceRelease("door"));
        assertTrue(only(keeper.drainOutbox()).changed());
        StateReply told = only(unlock(a, toA, fence, SECOND));
        assertTrue(told.lost());
        assertEquals("an operator forced 'door' free", told.error());
    }

    @Test
    void releasingWhatOneDoesNotHoldIsRefusedAndAReleaseFromBeforeARestartIsLost() {
        long fence = only(lock(a, toA, 0, 0)).value();
        lock(b, toB, 0, 0);
        keeper.drainOutbox();
        StateReply notB = only(unlock(b, toB, fence, 0));
        assertFalse(notB.lost());
        assertEquals("'door' (fence " + fence + ") is held by worker w1 (pid 101), not by worker w2 (pid 102)",
                notB.error());

        LockKeeper restarted = new LockKeeper(store.locks(), Clock.systemUTC(), LAPSE);
        restarted.handle(new LockRequest(Op.UNLOCK, "door", a, 1, 0, fence), toA, "1", 0);
        StateReply told = only(restarted.drainOutbox());
        assertTrue(told.lost());
        assertEquals(fence + 1, only(lockOn(restarted, c)).value(), "the fence goes on growing after a restart");
    }

    @Test
    void aSemaphoreGrantsUpToItsPermitsAndRefusesAnotherCount() {
        assertTrue(only(acquire(a, 2)).changed());
        assertTrue(only(acquire(a, 2)).changed());
        assertFalse(only(acquire(b, 2)).changed(), "no third permit");
        assertEquals("the shared semaphore 'db' has 2 permits, not 3", only(acquire(c, 3)).error());
        keeper.handle(new LockRequest(Op.LOCK, "db", c, 1, 0, 0), toC, "1", 0);
        assertEquals("'db' is a shared semaphore, not a lock", only(keeper.drainOutbox()).error());
    }

    private List<LockKeeper.Answer> lock(StateSession session, Destination to, long wait, long now) {
        keeper.handle(new LockRequest(Op.LOCK, "door", session, 1, wait, 0), to, "1", now);
        return keeper.drainOutbox();
    }

    private static List<LockKeeper.Answer> lockOn(LockKeeper keeper, StateSession session) {
        keeper.handle(new LockRequest(Op.LOCK, "door", session, 1, 0, 0), new Destination() { }, "1", 0);
        return keeper.drainOutbox();
    }

    private List<LockKeeper.Answer> unlock(StateSession session, Destination to, long fence, long now) {
        keeper.handle(new LockRequest(Op.UNLOCK, "door", session, 1, 0, fence), to, "1", now);
        return keeper.drainOutbox();
    }

    private List<LockKeeper.Answer> acquire(StateSession session, int permits) {
        keeper.handle(new LockRequest(Op.ACQUIRE, "db", session, permits, 0, 0), toA, "1", 0);
        return keeper.drainOutbox();
    }

    private static StateReply only(List<LockKeeper.Answer> answers) {
        assertEquals(1, answers.size(), answers.toString());
        return answers.get(0).reply();
    }
}
