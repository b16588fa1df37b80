package io.mqpool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.jobs.JobPriority;
import io.mqpool.jobs.builtin.SleepMillis;
import io.mqpool.jobs.builtin.Square;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A job's priority decides whose tasks go first: a high job's tasks overtake everything a
 * normal job has queued, and a low job waits for the normal job's backlog, on worker
 * processes and on threads alike. One worker, so the order is the order the tasks ran in.
 */
class PoolPriorityIT {

    private static final int BACKLOG_TASKS = 400;
    private static final int HIGH_TASKS = 50;
    private static final JobOptions ONE_PER_CHUNK = JobOptions.defaults().withChunksize(1);

    @Test
    void aHighJobsTasksOvertakeTheBacklogOfANormalJob() throws Exception {
        try (Pool pool = Pool.create(1)) {
            highOvertakesNormal(pool);
        }
    }

    @Test
    void aLowJobWaitsForTheBacklogOfANormalJob() throws Exception {
        try (Pool pool = Pool.create(1)) {
            AtomicInteger normalDone = new AtomicInteger();
            try (Backlog normal = Backlog.start(pool, normalDone, JobOptions.defaults().withChunksize(1))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> normalDone.get() >= 10);

                assertEquals(49L, pool.apply(Square.class, 7L, ONE_PER_CHUNK.withPriority(JobPriority.LOW)));
                int doneMeanwhile = normalDone.get();
                System.out.printf("priority: the low job came back after %d of the normal job's %d tasks%n",
                        doneMeanwhile, BACKLOG_TASKS);
                // A worker may hold a chunk or two it took before the low one was queued.
                assertTrue(doneMeanwhile >= BACKLOG_TASKS - 5, "the low job finished after only " + doneMeanwhile
                        + " of the normal job's " + BACKLOG_TASKS + " tasks");
                normal.awaitAll();
            }
        }
    }

    @Test
    void onThreadsToo() throws Exception {
        try (Pool pool = Pool.threads(1)) {
            highOvertakesNormal(pool);
        }
    }

    private static void highOvertakesNormal(Pool pool) throws Exception {
        AtomicInteger normalDone = new AtomicInteger();
        try (Backlog normal = Backlog.start(pool, normalDone, ONE_PER_CHUNK)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> normalDone.get() >= 10);
            int before = normalDone.get();

            AsyncResult<List<Integer>> high = pool.mapAsync(SleepMillis.class, Collections.nCopies(HIGH_TASKS, 5),
                    ONE_PER_CHUNK.withPriority(JobPriority.HIGH));
            assertEquals(Collections.nCopies(HIGH_TASKS, 5), high.get(60, TimeUnit.SECONDS));
            int meanwhile = normalDone.get() - before;
            System.out.printf("priority: %d of the normal job's tasks ran while the high job's %d did%n", meanwhile,
                    HIGH_TASKS);
            // Without priorities the high job's later chunks would queue behind ~390 of the normal job's.
            assertTrue(meanwhile < HIGH_TASKS, meanwhile + " of the normal job's tasks ran while the high job's "
                    + HIGH_TASKS + " did");
            normal.awaitAll();
        }
    }

    /** A normal job of {@value #BACKLOG_TASKS} 5 ms tasks, read by a thread that counts them. */
    private record Backlog(ResultSequence<Integer> results, Thread reader, Supplier<Integer> done)
            implements AutoCloseable {

        static Backlog start(Pool pool, AtomicInteger done, JobOptions options) {
            ResultSequence<Integer> results = pool.imapUnordered(SleepMillis.class,
                    Collections.nCopies(BACKLOG_TASKS, 5), options);
            Thread reader = new Thread(() -> results.forEach(ignored -> done.incrementAndGet()), "backlog-reader");
            reader.start();
            return new Backlog(results, reader, done::get);
        }

        void awaitAll() throws InterruptedException {
            reader.join(Duration.ofSeconds(60).toMillis());
            assertEquals(BACKLOG_TASKS, done.get());
        }

        @Override
        public void close() throws InterruptedException {
            results.close();
            reader.join(Duration.ofSeconds(10).toMillis());
        }
    }
}
