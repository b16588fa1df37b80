package io.mqpool.engine.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mqpool.jobs.JobPriority;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPriorityTest {

    private static final List<Integer> DEPTHS = List.of(0, 1, 2, 3, 4, 7, 8, 1_000);

    @Test
    void theFewerChunksANormalJobHasInFlightTheHigherItsNextOne() {
        assertEquals(List.of(6, 5, 4, 4, 3, 3, 3, 3), priorities(JobPriority.NORMAL));
    }

    @Test
    void everyHighJobsChunkGoesAheadOfEveryNormalOneAndEveryNormalOneAheadOfEveryLowOne() {
        assertEquals(List.of(9, 8, 7, 7, 7, 7, 7, 7), priorities(JobPriority.HIGH));
        assertEquals(List.of(2, 1, 0, 0, 0, 0, 0, 0), priorities(JobPriority.LOW));
    }

    @Test
    void aJobsChunksNeverGoOutAboveItsEarlierOnes() {
        ActiveJob job = new ActiveJob(new DispatchedJob("j", "square", 0, 0, false), count -> List.of(), 0);
        assertEquals(List.of(6, 5, 4, 4, 3), List.of(0, 1, 2, 3, 4).stream().map(job::priorityOfNext).toList());
        job.sent(5);
        job.completed(5);
        // Even with nothing in flight its priority does not rise again: it keeps its place.
        assertEquals(3, job.priorityOfNext(0));
    }

    private static List<Integer> priorities(JobPriority priority) {
        return DEPTHS.stream().map(depth -> ChunkPriority.of(priority, depth)).toList();
    }
}
