package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedStateException;
import io.mqpool.jobs.UnknownTaskException;
import io.mqpool.jobs.builtin.AddSquareToSum;
import io.mqpool.jobs.builtin.ComputeCube;
import io.mqpool.jobs.builtin.ComputePower;
import io.mqpool.jobs.builtin.ComputePowerSleep;
import io.mqpool.jobs.builtin.SleepMillis;
import io.mqpool.jobs.builtin.Square;
import io.mqpool.testtasks.CountUp;
import io.mqpool.testtasks.FailIfNegative;
import io.mqpool.testtasks.MismatchedResult;
import io.mqpool.testtasks.NotRegistered;
import io.mqpool.testtasks.SleepIgnoringInterrupts;
import io.mqpool.testtasks.SleepThenCount;
import io.mqpool.testtasks.SleepUntilInterrupted;
import io.mqpool.jobs.builtin.SquareIntoArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Pool.threads(4)} keeps the promises of a pool of worker processes that need no
 * process: result orders, failures with the task's own stack, outcomes, callbacks, timeouts
 * that interrupt, lazy bounded imap, and shared state, here in memory. The tasks are the ones
 * the process pool's tests run; they run in this JVM, so a test can read what they noted.
 */
class PoolThreadsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = Pool.threads(4);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    // ---- results and their order ----------------------------------------------------------

    @Test
    void mapReturnsResultsInInputOrderWhateverTheTaskDurations() {
        List<Integer> millis = randomMillis(60, 40, 1);
        assertEquals(millis, pool.map(SleepMillis.class, millis, JobOptions.defaults().withChunksize(1)));
        assertEquals(millis, pool.map(SleepMillis.class, millis));
    }

    @Test
    void fourThreadsRunFourSleepsAtOnce() {
        long start = System.nanoTime();
        assertEquals(Collections.nCopies(8, 500), pool.map(SleepMillis.class, Collections.nCopies(8, 500),
                JobOptions.defaults().withChunksize(1)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // 4 s one after the other, 1 s four at a time: the claim is only that they overlap.
        assertTrue(took.compareTo(Duration.ofMillis(2_500)) < 0, "8 x 500 ms on 4 threads took " + took);
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
            results.forEach(seen::add);
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
    void emptyInputGivesEmptyResults() {
        assertEquals(List.of(), pool.map(ComputeCube.class, List.of()));
        assertEquals(List.of(), pool.starmap(ComputePower.class, List.of()));
        assertFalse(pool.imap(ComputeCube.class, List.<Integer>of()).iterator().hasNext());
        assertFalse(pool.imapUnordered(ComputeCube.class, List.<Integer>of()).iterator().hasNext());
    }

    @Test
    void aHundredThousandTaskMapIsCorrect() {
        List<Long> inputs = IntStream.range(0, 100_000).mapToObj(i -> (long) i).toList();
        List<Long> squares = pool.map(Square.class, inputs);
        assertEquals(100_000, squares.size());
        for (int i = 0; i < squares.size(); i++) {
            assertEquals((long) i * i, squares.get(i), "index " + i);
        }
    }

    // ---- failures ----------------------------------------------------------------------------

    @Test
    void mapReportsTheLowestFailingIndexWithTheTasksOwnClassMessageAndStack() {
        TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> pool.map(FailIfNegative.class, List.of(5, 6, -7, 8, -9), JobOptions.defaults().withChunksize(1)));
        assertEquals(2, failure.taskIndex());
        assertEquals("-7", failure.argument());
        assertEquals("java.lang.IllegalArgumentException", failure.remoteClassName());
        assertEquals("negative input -7", failure.remoteMessage());
        assertTrue(failure.remoteStackTrace().contains("FailIfNegative.call"), failure.remoteStackTrace());
        assertInstanceOf(RemoteTaskException.class, failure.getCause());
        assertEquals("FailIfNegative.java", failure.getCause().getStackTrace()[0].getFileName());
        assertTrue(failure.getMessage().endsWith("(argument -7, job " + failure.jobId() + ")"), failure.getMessage());
    }

    @Test
    void applyThrowsTheTaskFailureAndTheFuturePathWrapsIt() {
        TaskFailedException applied = assertThrows(TaskFailedException.class, () -> pool.apply(FailIfNegative.class, -3));
        assertEquals(0, applied.taskIndex());
        assertEquals("-3", applied.argument());

        AsyncResult<Integer> failing = pool.applyAsync(FailIfNegative.class, -4);
        ExecutionException error = assertThrows(ExecutionException.class, failing::get);
        TaskFailedException cause = assertInstanceOf(TaskFailedException.class, error.getCause());
        assertEquals("negative input -4", cause.remoteMessage());
        assertFalse(failing.successful());
    }

    @Test
    void aFailureInTheMiddleOfImapIsRaisedAtItsPlaceAndTheRestStillArrive() throws TimeoutException {
        try (ResultSequence<Integer> results = pool.imap(FailIfNegative.class, List.of(0, 1, -2, 3, 4),
                JobOptions.defaults().withChunksize(2))) {
            assertEquals(0, results.next(WAIT));
            assertEquals(1, results.next(WAIT));
            assertEquals(2, assertThrows(TaskFailedException.class, () -> results.next(WAIT)).taskIndex());
            assertEquals(3, results.next(WAIT));
            assertEquals(4, results.next(WAIT));
            assertThrows(NoSuchElementException.class, () -> results.next(WAIT));
        }
    }

    @Test
    void mapOutcomesGivesOneOutcomePerInputInsteadOfThrowing() {
        List<Outcome<Integer>> outcomes = pool.mapOutcomes(FailIfNegative.class, List.of(1, -1, 2));
        assertEquals(3, outcomes.size());
        assertEquals(1, outcomes.get(0).value());
        assertFalse(outcomes.get(1).isSuccess());
        assertEquals(1, outcomes.get(1).failure().orElseThrow().taskIndex());
        assertEquals("-1", outcomes.get(1).failure().orElseThrow().argument());
        assertEquals(2, outcomes.get(2).value());
    }

    @Test
    void resultsGoThroughTheSameJsonAsOnWorkerProcesses() {
        // A result that the task's declared type cannot hold fails on threads as on processes.
        List<Outcome<MismatchedResult.Point>> outcomes = pool.mapOutcomes(MismatchedResult.class, List.of(1, -2));
        assertEquals(new MismatchedResult.Point(1), outcomes.get(0).value());
        TaskFailedException failed = outcomes.get(1).failure().orElseThrow();
        assertTrue(failed.getMessage().contains("\"not a point\" does not fit"), failed.getMessage());
        // And an argument travels as JSON, not as the caller's object.
        IllegalArgumentException opaque = assertThrows(IllegalArgumentException.class,
                () -> pool.apply(anything(), new Opaque()));
        assertTrue(opaque.getMessage().startsWith("argument 0 (" + Opaque.class.getName()
                + ") cannot be encoded as JSON"), opaque.getMessage());
    }

    @Test
    void aTaskClassThatIsNotRegisteredIsRefused() {
        UnknownTaskException error = assertThrows(UnknownTaskException.class,
                () -> pool.map(NotRegistered.class, List.of(1)));
        assertTrue(error.getMessage().contains(NotRegistered.class.getName()), error.getMessage());
    }

    // ---- AsyncResult ----------------------------------------------------------------------

    @Test
    void applyAndApplyAsyncReturnTheResultAndCallbacksRunOnSuccessAndOnError() throws Exception {
        assertEquals(27L, pool.apply(ComputeCube.class, 3));
        List<Object> seen = new CopyOnWriteArrayList<>();
        AsyncResult<List<Long>> cubes = pool.mapAsync(ComputeCube.class, List.of(1, 2)).onSuccess(seen::add);
        AsyncResult<Integer> failing = pool.applyAsync(FailIfNegative.class, -1).onError(seen::add);

        assertTrue(cubes.waitFor(WAIT));
        assertTrue(failing.waitFor(WAIT));

        assertTrue(seen.contains(List.of(1L, 8L)), seen.toString());
        assertTrue(seen.stream().anyMatch(TaskFailedException.class::isInstance), seen.toString());
        assertTrue(cubes.ready() && cubes.successful() && cubes.isDone());
        assertEquals(List.of(1L, 8L), cubes.get());
        assertFalse(cubes.jobId().isBlank());
        assertNotEquals(cubes.jobId(), failing.jobId());
    }

    @Test
    void getWithTimeoutTimesOutWhileTheTaskKeepsRunningAndLaterSucceeds() throws Exception {
        AsyncResult<Integer> result = pool.applyAsync(SleepMillis.class, 1000);
        assertThrows(TimeoutException.class, () -> result.get(100, TimeUnit.MILLISECONDS));
        assertThrows(IllegalStateException.class, result::successful);
        assertFalse(result.ready());
        assertEquals(1000, result.get(30, TimeUnit.SECONDS));
        assertTrue(result.successful());
    }

    @Test
    void cancelEndsTheJobItsRunningTasksAreInterruptedAndItsQueuedOnesNeverRun() {
        AsyncResult<List<Long>> job = pool.mapAsync(SleepThenCount.class, Collections.nCopies(300, 100),
                JobOptions.defaults().withChunksize(1));
        Awaitility.await().atMost(WAIT).until(() -> ran(job.jobId()) >= 4);

        assertTrue(job.cancel(true));

        assertTrue(job.isCancelled());
        assertThrows(CancellationException.class, job::get);
        long ranAtCancel = ran(job.jobId());
        // The four running ones were interrupted before they counted; nothing queued starts.
        Awaitility.await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5))
                .until(() -> ran(job.jobId()) <= ranAtCancel + 4);
        assertTrue(ran(job.jobId()) < 20, ran(job.jobId()) + " ran");
    }

    // ---- timeouts ----------------------------------------------------------------------------

    @Test
    void aTaskPastItsTimeoutIsInterruptedAndFailsWithTaskTimeoutException() {
        long start = System.nanoTime();
        AsyncResult<Integer> result = pool.applyAsync(SleepUntilInterrupted.class, 60_000,
                JobOptions.defaults().withTaskTimeout(Duration.ofMillis(300)));

        ExecutionException error = assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));

        TaskTimeoutException timeout = assertInstanceOf(TaskTimeoutException.class, error.getCause());
        assertEquals("io.mqpool.TaskTimeoutException", timeout.remoteClassName());
        assertEquals("task ran past its task timeout of 300ms 1 time; its thread was interrupted",
                timeout.remoteMessage());
        assertTrue(timeout.remoteStackTrace().contains("SleepUntilInterrupted.call"),
                "its stack is where it was when it ran out of time: " + timeout.remoteStackTrace());
        assertEquals("60000", timeout.argument());
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> SleepUntilInterrupted.of(result.jobId()).equals(List.of(result.jobId() + ":0:0")));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
    }

    @Test
    void aTaskThatIgnoresTheInterruptTimesOutAtItsDeadlineAndTheRestOfItsChunkRunsOnAnotherThread() {
        long start = System.nanoTime();
        List<Outcome<Integer>> outcomes = pool.mapOutcomes(SleepIgnoringInterrupts.class, List.of(3_000, 1, 2),
                JobOptions.defaults().withChunksize(3).withTaskTimeout(Duration.ofMillis(300)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertInstanceOf(TaskTimeoutException.class, outcomes.get(0).failure().orElseThrow());
        assertEquals(1, outcomes.get(1).value());
        assertEquals(2, outcomes.get(2).value());
        assertTrue(took.compareTo(Duration.ofMillis(2_500)) < 0, "the map waited for the stuck task: " + took);
    }

    @Test
    void withRetryTimeoutsATaskPastItsTimeoutRunsAgainUpToTheRetriesThenFails() {
        AsyncResult<Integer> result = pool.applyAsync(SleepUntilInterrupted.class, 60_000, JobOptions.defaults()
                .withTaskTimeout(Duration.ofMillis(200)).withRetries(1).withRetryTimeouts(true));

        ExecutionException error = assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));

        assertTrue(error.getCause().getMessage().contains("task timeout of 200ms 2 times"), error.getMessage());
        String id = result.jobId();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> SleepUntilInterrupted.of(id).equals(List.of(id + ":0:0", id + ":0:1")));
    }

    @Test
    void aJobPastItsDeadlineEndsTimedOutAndImapHandsOutWhatWasGatheredFirst() {
        AsyncResult<List<Integer>> job = pool.mapAsync(SleepMillis.class, Collections.nCopies(60, 200),
                JobOptions.defaults().withChunksize(1).withJobTimeout(Duration.ofSeconds(1)));
        ExecutionException error = assertThrows(ExecutionException.class, () -> job.get(30, TimeUnit.SECONDS));
        assertInstanceOf(JobTimeoutException.class, error.getCause());

        List<Integer> seen = new ArrayList<>();
        try (ResultSequence<Integer> results = pool.imap(SleepMillis.class, Collections.nCopies(60, 200),
                JobOptions.defaults().withJobTimeout(Duration.ofSeconds(1)))) {
            assertThrows(JobTimeoutException.class, () -> results.forEach(seen::add));
        }
        assertTrue(!seen.isEmpty() && seen.size() < 60, seen.size() + " results");
    }

    // ---- imap: lazy and bounded --------------------------------------------------------------

    @Test
    void imapReadsItsInputOnlyAsFarAheadOfTheCallerAsMaxInFlightAllows() {
        CountingInput input = new CountingInput();
        try (ResultSequence<Long> squares = pool.imap(Square.class, () -> input,
                JobOptions.defaults().withMaxInFlight(3))) {
            Iterator<Long> results = squares.iterator();
            for (long n = 0; n < 5; n++) {
                assertEquals(n * n, results.next());
            }
            // Five taken, three ahead: eight read, and no more however long the caller waits.
            Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> input.read() == 8);
        }
    }

    @Test
    void imapWithoutALimitStillReadsALongInputLazily() throws TimeoutException {
        CountingInput input = new CountingInput();
        try (ResultSequence<Long> squares = pool.imap(Square.class, () -> input)) {
            assertEquals(0L, squares.next(WAIT));
            assertEquals(1L, squares.next(WAIT));
            Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> input.read() < 1_000);
        }
    }

    @Test
    void closingAResultSequenceCancelsTheTasksNotRunYet() throws TimeoutException {
        String jobId;
        try (ResultSequence<Long> results = pool.imapUnordered(SleepThenCount.class, Collections.nCopies(200, 100))) {
            jobId = results.jobId();
            results.next(WAIT);
            results.next(WAIT);
        }
        long ranAtClose = ran(jobId);
        Awaitility.await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5))
                .until(() -> ran(jobId) <= ranAtClose + 4);
        assertTrue(ran(jobId) < 50, ran(jobId) + " of 200 ran");
    }

    @Test
    void anImapWhoseInputThrowsHandsOutTheResultsReadBeforeThenThrowsTheInputsOwnException() throws Exception {
        IllegalStateException broken = new IllegalStateException("the input broke at 3");
        AtomicInteger reads = new AtomicInteger();
        Iterable<Integer> failing = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (reads.getAndIncrement() == 3) {
                    throw broken;
                }
                return reads.get() - 1;
            }
        };
        try (ResultSequence<Long> results = pool.imap(ComputeCube.class, failing,
                JobOptions.defaults().withChunksize(2))) {
            assertEquals(0L, results.next(WAIT));
            assertEquals(1L, results.next(WAIT));
            assertEquals(8L, results.next(WAIT));
            assertSame(broken, assertThrows(IllegalStateException.class, () -> results.next(WAIT)));
            assertFalse(results.hasNext());
        }
        assertEquals(4, reads.get(), "the input is not read after it threw");
    }

    // ---- shared state, in memory ---------------------------------------------------------------

    @Test
    void theSeedsTasksAddTheirSquaresToASharedSumTheCallerReads() {
        pool.counter("sum").set(0);

        assertEquals(List.of(1L, 4L, 9L, 16L), pool.map(AddSquareToSum.class, List.of(1, 2, 3, 4)));

        assertEquals(30, pool.counter("sum").get());
    }

    @Test
    void theSeedsTasksWriteTheirSquaresIntoASharedArrayTheCallerReads() {
        pool.counter("total").set(0);

        pool.map(SquareIntoArray.class, List.of(1, 2, 3, 4));

        assertEquals(30, pool.counter("total").get());
        assertArrayEquals(new long[] {0, 1, 4, 9, 16, 0, 0, 0, 0, 0}, pool.array("squares", 10).snapshot());
    }

    @Test
    void twentyThousandIncrementsFromFourThreadsAreNeverLost() {
        int tasks = 20_000;
        List<Long> seen = pool.map(CountUp.class, Collections.nCopies(tasks, "increments"),
                JobOptions.defaults().withChunksize(50));

        assertEquals(tasks, pool.counter("increments").get());
        assertEquals(tasks, seen.stream().distinct().count(), "each increment saw a value of its own");
    }

    @Test
    void sharedStateIsRefusedInTheSameWordsAsOnWorkerProcesses() {
        SharedArray array = pool.array("fixed", 3);
        array.set(2, 7);
        SharedStateException resized = assertThrows(SharedStateException.class,
                () -> pool.array("fixed", 5).get(0));
        assertEquals("the shared array 'fixed' has size 3, not 5", resized.getMessage());
        IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class, () -> array.get(3));
        assertEquals("index 3 is outside the shared array 'fixed' of size 3", outside.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> pool.array("e", 0));
        assertEquals("the shared array 'e' needs a size from 1 to 100000, not 0", empty.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> pool.counter(" "));
        assertEquals("shared state needs a name, such as \"sum\"", blank.getMessage());
        assertArrayEquals(new long[] {0, 0, 7}, array.snapshot());
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** How many tasks of a {@link SleepThenCount} job ran to their end. */
    private static long ran(String jobId) {
        return pool.counter(jobId).get();
    }

    /** Any task at all, for arguments that never reach one. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<? extends io.mqpool.jobs.Task<Object, Object>> anything() {
        return (Class) io.mqpool.jobs.builtin.Echo.class;
    }

    private static List<Integer> randomMillis(int count, int max, long seed) {
        Random random = new Random(seed);
        return IntStream.range(0, count).mapToObj(i -> random.nextInt(max)).toList();
    }

    /** A class Jackson cannot encode. */
    static final class Opaque {
    }

    /** An endless input 0, 1, 2, ... that counts how much of it was read. */
    private static final class CountingInput implements Iterator<Long> {
        private final AtomicLong read = new AtomicLong();

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Long next() {
            return read.getAndIncrement();
        }

        long read() {
            return read.get();
        }
    }
}
