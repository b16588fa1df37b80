package io.mqpool.threads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedStateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Counters and arrays in memory answer as the engine's store does, and never lose an update. */
class MemoryStateTest {

    private final MemoryState state = new MemoryState();

    @Test
    void aNameGivesTheSameCounterEveryTimeStartingAtZero() {
        SharedCounter sum = state.counter("sum");
        assertSame(sum, state.counter("sum"));
        assertEquals(0, sum.get());
        assertEquals(5, sum.addAndGet(5));
        assertEquals(5, state.counter("sum").get());
        assertEquals("sum", sum.name());
    }

    @Test
    void compareAndSetAndAddOnceAnswerWhetherTheyChangedTheCounter() {
        SharedCounter counter = state.counter("cas");
        counter.set(5);
        assertFalse(counter.compareAndSet(4, 10));
        assertTrue(counter.compareAndSet(5, 10));
        assertEquals(13, counter.addOnce("k", 3));
        assertEquals(13, counter.addOnce("k", 3));
        assertEquals(12, counter.addAndGet(-1));
    }

    @Test
    void aSumThatOverflowsIsRefusedAndChangesNothingNotEvenTheKey() {
        SharedCounter counter = state.counter("big");
        counter.set(Long.MAX_VALUE);
        SharedStateException overflow = assertThrows(SharedStateException.class, () -> counter.addAndGet(1));
        assertEquals("adding 1 to counter 'big' overflows a long", overflow.getMessage());
        assertThrows(SharedStateException.class, () -> counter.addOnce("k", 1));
        assertEquals(Long.MAX_VALUE, counter.get());
        counter.set(0);
        assertEquals(1, counter.addOnce("k", 1), "a refused keyed add may be made again");
    }

    @Test
    void concurrentIncrementsAreNeverLostAndEachSeesAValueOfItsOwn() throws InterruptedException {
        SharedCounter counter = state.counter("n");
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    seen.add(counter.addAndGet(1));
                }
            }, "incrementer-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(20_000, counter.get());
        assertEquals(20_000, seen.size());
    }

    @Test
    void anArrayStartsAtZeroAndKeepsItsSize() {
        SharedArray squares = state.array("squares", 10);
        squares.set(2, 4);
        assertEquals(9, squares.addAndGet(3, 9));
        assertArrayEquals(new long[] {0, 0, 4, 9, 0, 0, 0, 0, 0, 0}, state.array("squares", 10).snapshot());
        assertEquals(4, squares.get(2));
        assertEquals(10, squares.size());
        SharedStateException resized = assertThrows(SharedStateException.class, () -> state.array("squares", 5));
        assertEquals("the shared array 'squares' has size 10, not 5", resized.getMessage());
    }

    @Test
    void anIndexOutsideABadSizeAndAnOverflowAreRefusedInOneLine() {
        SharedArray array = state.array("fixed", 3);
        assertEquals("index 3 is outside the shared array 'fixed' of size 3",
                assertThrows(IndexOutOfBoundsException.class, () -> array.get(3)).getMessage());
        assertEquals("index -1 is outside the shared array 'fixed' of size 3",
                assertThrows(IndexOutOfBoundsException.class, () -> array.set(-1, 1)).getMessage());
        assertEquals("the shared array 'e' needs a size from 1 to 100000, not 0",
                assertThrows(IllegalArgumentException.class, () -> state.array("e", 0)).getMessage());
        array.set(0, Long.MIN_VALUE);
        assertEquals("adding -1 to element 0 of the shared array 'fixed' overflows a long",
                assertThrows(SharedStateException.class, () -> array.addAndGet(0, -1)).getMessage());
        assertEquals(Long.MIN_VALUE, array.get(0));
    }

    @Test
    void aCounterAndAnArrayMayShareANameAsInTheStore() {
        state.counter("x").set(7);
        state.array("x", 2).set(1, 8);
        assertEquals(7, state.counter("x").get());
        assertEquals(8, state.array("x", 2).get(1));
    }

    @Test
    void aBadNameIsRefusedInOneLine() {
        assertEquals("shared state needs a name, such as \"sum\"",
                assertThrows(IllegalArgumentException.class, () -> state.counter(" ")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> state.array("x".repeat(201), 1)).getMessage()
                .endsWith("is 201 characters long; at most 200 are allowed"));
    }
}
