package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.testtasks.InsideSemaphore;
import io.mqpool.testtasks.LeaveLockHeld;
import io.mqpool.testtasks.MisuseLock;
import io.mqpool.testtasks.RecordSquare;
import io.mqpool.testtasks.TimeInLock;
import io.mqpool.testtasks.WaitForLock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Pool.threads(4)} shares maps, lists, locks and semaphores in memory with the rules of
 * the process pool's: the same tasks as {@code SharedLocksIT} and {@code SharedStateIT}, the same
 * answers and the same refusals.
 */
class PoolThreadsStateIT {

    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = Pool.threads(4);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    @Test
    void aLockSerialisesTheTasksOfFourThreadsWithGrowingFences() {
        List<List<Long>> intervals = pool.map(TimeInLock.class, IntStream.range(0, 40).boxed().toList(),
                JobOptions.defaults().withChunksize(1));

        List<List<Long>> byStart = intervals.stream().sorted(Comparator.comparing(i -> i.get(0))).toList();
        for (int i = 1; i < byStart.size(); i++) {
            assertTrue(byStart.get(i).get(0) >= byStart.get(i - 1).get(1), "overlap: " + byStart.get(i - 1)
                    + " and " + byStart.get(i));
            assertTrue(byStart.get(i).get(2) > byStart.get(i - 1).get(2));
        }
    }

    @Test
    void aSemaphoreOfTwoLetsAtMostTwoThreadsIn() {
        pool.counter("db.inside").set(0);
        List<Long> inside = pool.map(InsideSemaphore.class, IntStream.range(0, 40).boxed().toList(),
                JobOptions.defaults().withChunksize(1));
        assertEquals(2, inside.stream().mapToLong(Long::longValue).max().orElseThrow(), inside.toString());
    }

    @Test
    void aLockATaskLeftHeldIsReleasedWhenTheTaskEnds() {
        long fence = pool.apply(LeaveLockHeld.class, "left");
        assertTrue(pool.apply(WaitForLock.class, new WaitForLock.Args("left", 5_000)).get(0) > fence);
    }

    @Test
    void mapsAndListsCollectWhatTheThreadsPutThere() {
        pool.map(RecordSquare.class, IntStream.rangeClosed(1, 5).mapToObj(n -> new RecordSquare.Args("sq", n)).toList(),
                JobOptions.defaults().withChunksize(1));
        assertEquals(Map.of("1", 1, "2", 4, "3", 9, "4", 16, "5", 25), pool.map("sq").snapshot());
        assertEquals(5, pool.list("sq").size());
        assertEquals(List.of(1, 4, 9, 16, 25),
                pool.list("sq").snapshot().stream().map(o -> (Integer) o).sorted().toList());
    }

    @Test
    void misuseIsRefusedInTheWordsOfTheProcessPool() {
        List<String> told = pool.map(MisuseLock.class, SharedLocksIT.MISUSES, JobOptions.defaults().withChunksize(1));

        assertEquals(SharedLocksIT.MISUSE_ANSWERS, told);
    }
}
