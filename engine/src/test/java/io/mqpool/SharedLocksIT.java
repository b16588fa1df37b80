package io.mqpool;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.engine.state.LockView;
import io.mqpool.engine.state.SharedState;
import io.mqpool.engine.store.LockKind;
import io.mqpool.testtasks.HoldLockUntilTold;
import io.mqpool.testtasks.InsideSemaphore;
import io.mqpool.testtasks.LeaveLockHeld;
import io.mqpool.testtasks.MisuseLock;
import io.mqpool.testtasks.TimeInLock;
import io.mqpool.testtasks.WaitForLock;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shared locks and semaphores across worker processes, through the real broker, H2 and worker
 * JVMs: mutual exclusion, a cap of permits, a holder killed with {@code kill -9}, a holder
 * paused past its heartbeat, an operator's forced release, a task that forgets to unlock, and
 * misuse.
 */
class SharedLocksIT {

    /** What {@code MisuseLock} answers for each misuse, in the order of {@link #MISUSES}: the same on every pool. */
    static final List<String> MISUSE_ANSWERS = List.of(
            "IllegalMonitorStateException: the lock 'misused' was released already",
            "SharedStateException: the lock 'misused' is held by this worker already: shared locks are not reentrant",
            "IllegalArgumentException: the shared semaphore 'pool-of-none' needs 1 to 1000000 permits, not 0",
            "SharedStateException: the shared semaphore 'three' has 3 permits, not 4",
            "SharedStateException: 'three' is a shared semaphore, not a lock",
            "IllegalArgumentException: waiting for 'misused' needs a wait of 0 or more, not PT-1S",
            "IllegalMonitorStateException: this permit of the semaphore 'three' was released already");
    static final List<String> MISUSES = List.of("unlock twice", "lock twice", "no permits", "other permits",
            "lock a semaphore", "negative wait", "release twice");

    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = Pool.create(4);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    @Test
    void aLockSerialisesACriticalSectionAcrossProcessesWithGrowingFences() {
        List<List<Long>> intervals = pool.map(TimeInLock.class, IntStream.range(0, 40).boxed().toList(),
                JobOptions.defaults().withChunksize(1));

        List<List<Long>> byStart = intervals.stream().sorted(Comparator.comparing(i -> i.get(0))).toList();
        for (int i = 1; i < byStart.size(); i++) {
            List<Long> before = byStart.get(i - 1);
            List<Long> after = byStart.get(i);
            assertTrue(after.get(0) >= before.get(1), "critical sections overlap: " + before + " and " + after);
            assertTrue(after.get(2) > before.get(2), "fences do not grow with each grant: " + before + " then " + after);
        }
        assertTrue(lock("section").holders().isEmpty());
    }

    @Test
    void aSemaphoreOfTwoLetsAtMostTwoTasksInAtOnce() {
        pool.counter("db.inside").set(0);

        List<Long> inside = pool.map(InsideSemaphore.class, IntStream.range(0, 40).boxed().toList(),
                JobOptions.defaults().withChunksize(1));

        long most = inside.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertEquals(2, most, "at most 2 tasks inside at once, and 2 seen together at some point: " + inside);
        LockView db = lock("db");
        assertEquals(LockKind.SEMAPHORE, db.kind());
        assertEquals(2, db.permits());
        assertTrue(db.holders().isEmpty());
    }

    @Test
    void aHolderKilledWithKill9LosesTheLockToTheNextWaiterWithinASecond() throws Exception {
        AsyncResult<String> holder = pool.applyAsync(HoldLockUntilTold.class, "killed");
        long pid = awaitHolder("killed");
        long fence = pool.counter("killed.fence").get();
        AsyncResult<List<Long>> waiter = pool.applyAsync(WaitForLock.class, new WaitForLock.Args("killed", 30_000));
        await().atMost(Duration.ofSeconds(30)).until(() -> lock("killed").waiting() == 1);

        long killedAt = System.currentTimeMillis();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);

        List<Long> granted = waiter.get(30, SECONDS);
        assertTrue(granted.get(0) > fence, "the next grant's fence " + granted.get(0) + " is not above " + fence);
        long after = granted.get(1) - killedAt;
        assertTrue(after < 1_000, "the waiter got the lock " + after + " ms after the holder was killed");
        assertEquals("retried", holder.get(60, SECONDS));
    }

    @Test
    void aHolderPausedPastItsHeartbeatLosesTheLockAndIsToldOnItsNextUse() throws Exception {
        AsyncResult<String> holder = pool.applyAsync(HoldLockUntilTold.class, "paused");
        long pid = awaitHolder("paused");
        long fence = pool.counter("paused.fence").get();
        AsyncResult<List<Long>> waiter = pool.applyAsync(WaitForLock.class, new WaitForLock.Args("paused", 60_000));
        await().atMost(Duration.ofSeconds(30)).until(() -> lock("paused").waiting() == 1);

        long pausedAt = System.currentTimeMillis();
        signal("STOP", pid);
        List<Long> granted;
        try {
            granted = waiter.get(60, SECONDS);
            pool.counter("paused.go").set(1);
        } finally {
            signal("CONT", pid);
        }

        assertTrue(granted.get(0) > fence, "the next grant's fence " + granted.get(0) + " is not above " + fence);
        long after = granted.get(1) - pausedAt;
        long lapse = SharedState.SESSION_LAPSE.toMillis();
        assertTrue(after >= lapse - 1_500 && after < lapse + 5_000,
                "the waiter got the lock " + after + " ms after the holder was paused; its session lapses after "
                        + lapse + " ms");
        String told = holder.get(30, SECONDS);
        assertTrue(told.startsWith("lost: the lock 'paused' (fence " + fence + ") is no longer held by this worker"),
                told);
        assertTrue(told.contains("sent no heartbeat for"), told);
    }

    @Test
    void anOperatorForcesALockFreeAndItsHolderIsToldOnItsNextUse() throws Exception {
        AsyncResult<String> holder = pool.applyAsync(HoldLockUntilTold.class, "forced");
        awaitHolder("forced");
        long fence = pool.counter("forced.fence").get();
        AsyncResult<List<Long>> waiter = pool.applyAsync(WaitForLock.class, new WaitForLock.Args("forced", 30_000));
        await().atMost(Duration.ofSeconds(30)).until(() -> lock("forced").waiting() == 1);

        assertEquals(1, pool.engine().state().forceRelease("forced"));

        assertTrue(waiter.get(10, SECONDS).get(0) > fence);
        pool.counter("forced.go").set(1);
        String told = holder.get(30, SECONDS);
        assertTrue(told.startsWith("lost: ") && told.contains("an operator forced 'forced' free"), told);
    }

    @Test
    void aLockATaskLeftHeldIsReleasedWhenTheTaskEnds() {
        long fence = pool.apply(LeaveLockHeld.class, "left");

        List<Long> next = pool.apply(WaitForLock.class, new WaitForLock.Args("left", 5_000));

        assertTrue(next.get(0) > fence, "the lock left held was not released: " + next);
    }

    @Test
    void misuseIsRefusedInOneLineNamingTheLock() {
        List<String> told = pool.map(MisuseLock.class, MISUSES, JobOptions.defaults().withChunksize(1));

        assertEquals(MISUSE_ANSWERS, told);
        told.forEach(line -> assertTrue(!line.contains("\n"), line));
    }

    private static long awaitHolder(String lock) {
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.counter(lock + ".pid").get() != 0);
        return pool.counter(lock + ".pid").get();
    }

    private static LockView lock(String name) {
        return pool.engine().state().findLock(name).orElseThrow();
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
    }
}
