package io.mqpool.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DurationHistogramTest {

    @Test
    void aDurationCountsInTheFirstBucketWhoseBoundHoldsItAndBeyondTheLastInTheExtraCount() {
        DurationHistogram histogram = new DurationHistogram(List.of(10L, 100L, 1000L));
        histogram.add(0, 1);
        histogram.add(10, 2);
        histogram.add(11, 3);
        histogram.add(1000, 4);
        histogram.add(1001, 5);
        assertEquals(List.of(3L, 3L, 4L, 5L), histogram.counts());
    }

    @Test
    void aChunkCountsEachOfItsTasksWithItsMeanDuration() {
        DurationHistogram histogram = new DurationHistogram(List.of(10L, 100L));
        histogram.addChunk(1_000, 1_300, 3);
        histogram.addChunk(2_000, 2_000, 2);
        assertEquals(List.of(2L, 3L, 0L), histogram.counts());
    }

    @Test
    void boundsMustAscend() {
        assertThrows(IllegalArgumentException.class, () -> new DurationHistogram(List.of(10L, 10L)));
    }
}
