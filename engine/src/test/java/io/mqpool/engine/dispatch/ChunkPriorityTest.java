package io.mqpool.engine.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPriorityTest {

    @Test
    void theFewerChunksAJobHasInFlightTheHigherItsNextOne() {
        assertEquals(List.of(9, 8, 7, 7, 6, 6, 6, 6, 5), List.of(0, 1, 2, 3, 4, 5, 6, 7, 8).stream()
                .map(ChunkPriority::forInFlight).toList());
        assertEquals(1, ChunkPriority.forInFlight(255));
        assertEquals(0, ChunkPriority.forInFlight(256));
        assertEquals(0, ChunkPriority.forInFlight(100_000));
    }

    @Test
    void aJobsChunksNeverGoOutAboveItsEarlierOnes() {
        ActiveJob job = new ActiveJob(new DispatchedJob("j", "square", 0, 0, false), count -> List.of(), 0);
        assertEquals(List.of(9, 8, 7, 7, 6), List.of(0, 1, 2, 3, 4).stream().map(job::priorityOfNext).toList());
        job.sent(5);
        job.completed(5);
        // Even with nothing in flight its priority does not rise again: it keeps its place.
        assertEquals(6, job.priorityOfNext(0));
    }
}
