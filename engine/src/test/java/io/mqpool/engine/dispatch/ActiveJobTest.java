package io.mqpool.engine.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveJobTest {

    private static final ChunkSource NONE = max -> List.of();

    @Test
    void aJobWithoutALimitOfItsOwnIsBoundByTheDispatcherOnly() {
        ActiveJob job = new ActiveJob(new DispatchedJob("j", "square", 0, 0, false), NONE, 0);
        job.sent(10);
        job.completed(4);
        assertEquals(506, job.room(512));
    }

    @Test
    void aLimitedMapCountsChunksUntilTheirOutcomesAreIn() {
        ActiveJob job = new ActiveJob(new DispatchedJob("j", "square", 0, 2, false), NONE, 0);
        job.sent(2);
        assertEquals(0, job.room(512));
        job.completed(1);
        assertEquals(1, job.room(512));
    }

    @Test
    void aLimitedImapCountsChunksUntilTheCallerTookTheirResults() {
        ActiveJob job = new ActiveJob(new DispatchedJob("j", "square", 0, 3, true), NONE, 0);
        job.sent(3);
        job.completed(3);
        assertEquals(0, job.room(512));
        job.taken(2);
        assertEquals(2, job.room(512));
    }

    @Test
    void aLiftedLimitLeavesTheDispatchersBound() {
        ActiveJob job = new ActiveJob(new DispatchedJob("j", "square", 0, 1, true), NONE, 0);
        job.sent(1);
        job.liftLimit();
        assertEquals(511, job.room(512));
    }
}
