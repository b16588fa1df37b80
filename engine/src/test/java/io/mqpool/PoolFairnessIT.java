package io.mqpool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.jobs.builtin.SleepMillis;
import io.mqpool.jobs.builtin.Square;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Jobs share the workers: a job of one task submitted while another job keeps hundreds of
 * chunks queued in the broker runs next, not after that backlog.
 */
class PoolFairnessIT {

    private static final int BIG_TASKS = 1000;

    @Test
    void aOneTaskJobOvertakesTheChunksAnotherJobHasQueued() throws Exception {
        try (Pool pool = Pool.create(1)) {
            AtomicInteger bigDone = new AtomicInteger();
            try (ResultSequence<Integer> big = pool.imapUnordered(SleepMillis.class,
                    Collections.nCopies(BIG_TASKS, 5), JobOptions.defaults().withChunksize(1))) {
                Thread reader = new Thread(() -> big.forEach(ignored -> bigDone.incrementAndGet()), "fairness-reader");
                reader.start();
                // By now the big job has its 512 chunks queued ahead of the one worker.
                await().atMost(Duration.ofSeconds(30)).until(() -> bigDone.get() >= 20);

                assertEquals(49L, pool.apply(Square.class, 7L));
                int doneMeanwhile = bigDone.get();
                System.out.printf("fairness: the one-task job came back after %d of the big job's tasks%n",
                        doneMeanwhile);
                // In arrival order the one task would have waited for about 490 chunks.
                assertTrue(doneMeanwhile < 300, "the one-task job finished after " + doneMeanwhile
                        + " of the big job's tasks");
                reader.join(Duration.ofSeconds(60).toMillis());
                assertEquals(BIG_TASKS, bigDone.get());
            }
        }
    }
}
