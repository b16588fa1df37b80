package io.mqpool.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrefetchPolicyTest {

    private static final long TINY = 100_000;

    private static PrefetchPolicy after(int window, int chunks, long nanos) {
        PrefetchPolicy policy = new PrefetchPolicy(window);
        for (int i = 0; i < chunks; i++) {
            policy.ran(nanos);
        }
        return policy;
    }

    @Test
    void aWorkerTakesOneChunkAtATimeUntilItHasSeenEnoughQuickChunks() {
        assertEquals(0, new PrefetchPolicy(8192).window());
        assertEquals(0, after(8192, PrefetchPolicy.CHUNKS_BEFORE_HOLDING - 1, TINY).window());
        assertEquals(8192, after(8192, PrefetchPolicy.CHUNKS_BEFORE_HOLDING, TINY).window());
    }

    @Test
    void chunksOfAFewMillisecondsAreNeverHeldAhead() {
        assertEquals(0, after(8192, 1000, PrefetchPolicy.START_HOLDING_BELOW_NANOS).window());
    }

    @Test
    void aSlowerChunkNowAndThenDoesNotEndTheHolding() {
        PrefetchPolicy policy = after(8192, 100, TINY);

        policy.ran(4_000_000);
        policy.ran(TINY);
        policy.ran(4_000_000);

        assertEquals(8192, policy.window());
    }

    @Test
    void chunksThatGrowSlowEndTheHolding() {
        PrefetchPolicy policy = after(8192, 100, TINY);

        for (int i = 0; i < 20 && policy.window() != 0; i++) {
            policy.ran(PrefetchPolicy.STOP_HOLDING_FROM_NANOS * 2);
        }

        assertEquals(0, policy.window());
    }

    @Test
    void aLongChunkEndsTheHoldingAtOnceAndTheCountStartsOver() {
        PrefetchPolicy policy = after(8192, 100, TINY);

        policy.ran(PrefetchPolicy.HAND_BACK_AFTER_NANOS);

        assertEquals(0, policy.window());
        for (int i = 0; i < PrefetchPolicy.CHUNKS_BEFORE_HOLDING - 1; i++) {
            policy.ran(TINY);
        }
        assertEquals(0, policy.window());
        policy.ran(TINY);
        assertEquals(8192, policy.window());
    }

    @Test
    void aWindowOfZeroNeverHoldsChunksAhead() {
        assertEquals(0, after(0, 1000, TINY).window());
    }

    @Test
    void heldChunksGoBackOnceTheRunningOneIsLong() {
        assertFalse(PrefetchPolicy.handBackDue(PrefetchPolicy.HAND_BACK_AFTER_NANOS - 1));
        assertTrue(PrefetchPolicy.handBackDue(PrefetchPolicy.HAND_BACK_AFTER_NANOS));
    }
}
