package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.engine.store.JobRow;
import io.mqpool.engine.store.JobState;
import io.mqpool.jobs.builtin.ComputeCube;
import io.mqpool.jobs.builtin.ComputePower;
import io.mqpool.jobs.builtin.ComputePowerSleep;
import io.mqpool.jobs.builtin.SleepMillis;
import io.mqpool.testtasks.FailIfNegative;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the Pool hands back, and in which order, through the real broker, H2 and worker JVMs. */
class PoolResultsIT {

    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = Pool.create(3);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    @Test
    void mapReturnsResultsInInputOrderWhateverTheTaskDurations() {
        List<Integer> millis = randomMillis(60, 40, 1);
        assertEquals(millis, pool.map(SleepMillis.class, millis, JobOptions.defaults().withChunksize(1)));
        assertEquals(millis, pool.map(SleepMillis.class, millis));
    }

    @Test
    void starmapBindsEachTupleToTheRecordAndKeepsInputOrder() {
        List<Long> powers = pool.starmap(ComputePower.class, List.of(List.of(2, 3), List.of(3, 4), List.of(10, 0)));
        assertEquals(List.of(8L, 81L, 1L), powers);
    }

    @Test
    void imapYieldsResultsInInputOrderUnderRandomDurations() {
        List<Integer> millis = randomMillis(40, 60, 2);
        List<Integer> seen = new ArrayList<>();
        try (ResultSequence<Integer> results = pool.imap(SleepMillis.class, millis)) {
            for (Integer result : results) {
                seen.add(result);
            }
        }
        assertEquals(millis, seen);
    }

    @Test
    void imapUnorderedYieldsResultsInCompletionOrder() {
        List<Long> seen = new ArrayList<>();
        for (Long square : pool.imapUnordered(ComputePowerSleep.class, List.of(3, 1, 2))) {
            seen.add(square);
        }
        assertEquals(List.of(1L, 4L, 9L), seen);
    }

    @Test
    void emptyInputGivesEmptyResults() {
        assertEquals(List.of(), pool.map(ComputeCube.class, List.of()));
        assertFalse(pool.imap(ComputeCube.class, List.<Integer>of()).iterator().hasNext());
        assertFalse(pool.imapUnordered(ComputeCube.class, List.<Integer>of()).iterator().hasNext());
        assertEquals(List.of(), pool.starmap(ComputePower.class, List.of()));
    }

    @Test
    void chunksizeNeverChangesWhatIsDelivered() {
        List<Integer> inputs = IntStream.range(0, 50).boxed().toList();
        List<Long> expected = inputs.stream().map(n -> (long) n * n * n).toList();
        for (int chunksize : new int[] {1, 2, 3, 7, 49, 50, 1000}) {
            JobOptions options = JobOptions.defaults().withChunksize(chunksize);
            assertEquals(expected, pool.map(ComputeCube.class, inputs, options), "map, chunksize " + chunksize);
            assertEquals(expected, pool.imap(ComputeCube.class, inputs, options).stream().toList(),
                    "imap, chunksize " + chunksize);
            assertEquals(expected, pool.imapUnordered(ComputeCube.class, inputs, options).stream().sorted().toList(),
                    "imapUnordered, chunksize " + chunksize);
        }
    }

    @Test
    void aFailureInTheMiddleOfImapIsRaisedAtItsPlaceAndTheRestStillArrive() throws TimeoutException {
        try (ResultSequence<Integer> results = pool.imap(FailIfNegative.class, List.of(0, 1, -2, 3, 4),
                JobOptions.defaults().withChunksize(2))) {
            Duration wait = Duration.ofSeconds(30);
            assertEquals(0, results.next(wait));
            assertEquals(1, results.next(wait));
            TaskFailedException failure = assertThrows(TaskFailedException.class, () -> results.next(wait));
            assertEquals(2, failure.taskIndex());
            assertEquals(3, results.next(wait));
            assertEquals(4, results.next(wait));
            assertThrows(NoSuchElementException.class, () -> results.next(wait));
        }
    }

    @Test
    void mapReportsTheLowestFailingIndexWithTheRemoteError() {
        TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> pool.map(FailIfNegative.class, List.of(5, 6, -7, 8, -9), JobOptions.defaults().withChunksize(1)));
        assertEquals(2, failure.taskIndex());
        assertEquals("-7", failure.argument());
        assertEquals("java.lang.IllegalArgumentException", failure.remoteClassName());
        assertEquals("negative input -7", failure.remoteMessage());
        assertTrue(failure.remoteStackTrace().contains("FailIfNegative.call"), failure.remoteStackTrace());
        assertInstanceOf(RemoteTaskException.class, failure.getCause());
        assertEquals("FailIfNegative.java", failure.getCause().getStackTrace()[0].getFileName());
    }

    @Test
    void mapOutcomesGivesOneOutcomePerInputInsteadOfThrowing() {
        List<Outcome<Integer>> outcomes = pool.mapOutcomes(FailIfNegative.class, List.of(1, -1, 2));
        assertEquals(3, outcomes.size());
        assertEquals(1, outcomes.get(0).value());
        assertFalse(outcomes.get(1).isSuccess());
        assertEquals(1, outcomes.get(1).failure().orElseThrow().taskIndex());
        assertEquals(2, outcomes.get(2).value());
    }

    @Test
    void applyRunsOneTaskAndAFailureSurfacesThroughTheFutureWrapped() {
        assertEquals(27L, pool.apply(ComputeCube.class, 3));
        AsyncResult<Integer> failing = pool.applyAsync(FailIfNegative.class, -3);
        ExecutionException error = assertThrows(ExecutionException.class, failing::get);
        assertInstanceOf(TaskFailedException.class, error.getCause());
        assertFalse(failing.successful());
    }

    @Test
    void getWithTimeoutTimesOutWhileTheTaskKeepsRunningAndLaterSucceeds() throws Exception {
        AsyncResult<Integer> result = pool.applyAsync(SleepMillis.class, 1500);
        assertThrows(TimeoutException.class, () -> result.get(200, TimeUnit.MILLISECONDS));
        assertThrows(IllegalStateException.class, result::successful);
        assertFalse(result.ready());
        assertEquals(1500, result.get(30, TimeUnit.SECONDS));
        assertTrue(result.ready());
        assertTrue(result.successful());
    }

    @Test
    void callbacksRunOnSuccessAndOnError() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        pool.mapAsync(ComputeCube.class, List.of(1, 2)).onSuccess(seen::add);
        pool.applyAsync(FailIfNegative.class, -1).onError(seen::add);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 2);
        assertTrue(seen.contains(List.of(1L, 8L)), seen.toString());
        assertTrue(seen.stream().anyMatch(TaskFailedException.class::isInstance), seen.toString());
    }

    @Test
    void aTenThousandTaskMapIsCorrect() {
        List<Integer> inputs = IntStream.range(0, 10_000).boxed().toList();
        List<Long> cubes = pool.map(ComputeCube.class, inputs);
        assertEquals(10_000, cubes.size());
        for (int i = 0; i < cubes.size(); i++) {
            assertEquals((long) i * i * i, cubes.get(i), "index " + i);
        }
    }

    @Test
    void imapReadsALongInputLazilyWithBoundedTasksInFlight() throws TimeoutException {
        AtomicInteger read = new AtomicInteger();
        Iterable<Integer> counting = () -> IntStream.range(0, 1_000_000).map(i -> 20)
                .peek(i -> read.incrementAndGet()).boxed().iterator();
        try (ResultSequence<Integer> results = pool.imap(SleepMillis.class, counting)) {
            assertEquals(20, results.next(Duration.ofSeconds(30)));
            assertEquals(20, results.next(Duration.ofSeconds(30)));
            assertTrue(read.get() < 1_000, "read " + read.get() + " inputs for 2 results");
        }
    }

    @Test
    void cancelEndsTheJobAndItsQueuedChunksNeverRun() {
        AsyncResult<List<Integer>> job = pool.mapAsync(SleepMillis.class, Collections.nCopies(300, 100),
                JobOptions.defaults().withChunksize(1));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tasksDone(job) >= 3);

        assertTrue(job.cancel(true));

        assertTrue(job.isCancelled());
        assertThrows(CancellationException.class, job::get);
        long doneAtCancel = tasksDone(job);
        // Only chunks the 3 workers already held (one running, at most one handed over) may still
        // finish; the ~26 others the dispatcher had queued must not.
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertTrue(tasksDone(job) <= doneAtCancel + 6,
                        tasksDone(job) + " done, " + doneAtCancel + " at the cancel"));
    }

    @Test
    void aJobPastItsDeadlineEndsTimedOutKeepingTheOutcomesGatheredSoFar() {
        long start = System.nanoTime();
        AsyncResult<List<Integer>> job = pool.mapAsync(SleepMillis.class, Collections.nCopies(60, 200),
                JobOptions.defaults().withChunksize(1).withJobTimeout(Duration.ofSeconds(1)));

        ExecutionException error = assertThrows(ExecutionException.class, () -> job.get(30, TimeUnit.SECONDS));

        assertInstanceOf(JobTimeoutException.class, error.getCause());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
        JobRow row = pool.engine().jobs().job(job.jobId()).orElseThrow();
        assertEquals(JobState.TIMED_OUT, row.state());
        assertTrue(row.tasksDone() > 0 && row.tasksDone() < 60, row.tasksDone() + " tasks done");
    }

    @Test
    void imapHandsOutTheResultsGatheredBeforeTheDeadlineThenRaisesTheTimeout() {
        List<Integer> seen = new ArrayList<>();
        try (ResultSequence<Integer> results = pool.imap(SleepMillis.class, Collections.nCopies(60, 200),
                JobOptions.defaults().withJobTimeout(Duration.ofSeconds(1)))) {
            assertThrows(JobTimeoutException.class, () -> results.forEach(seen::add));
        }
        assertTrue(!seen.isEmpty() && seen.size() < 60, seen.size() + " results");
    }

    private static long tasksDone(AsyncResult<?> job) {
        return pool.engine().jobs().job(job.jobId()).orElseThrow().tasksDone();
    }

    private static List<Integer> randomMillis(int count, int max, long seed) {
        Random random = new Random(seed);
        return IntStream.range(0, count).mapToObj(i -> random.nextInt(max)).toList();
    }
}
