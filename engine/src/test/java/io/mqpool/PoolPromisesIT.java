package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.engine.store.JobState;
import io.mqpool.jobs.Task;
import io.mqpool.jobs.builtin.ComputeCube;
import io.mqpool.jobs.builtin.ComputePower;
import io.mqpool.jobs.builtin.Echo;
import io.mqpool.jobs.builtin.SleepMillis;
import io.mqpool.testtasks.FailIfNegative;
import io.mqpool.testtasks.MismatchedResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Pool keeps Python's promises: callbacks, input errors, named failures, a stopped pool. */
class PoolPromisesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = Pool.create(2);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    // ---- 1. callbacks finish before the result is handed out ---------------------------------

    @Test
    void aSuccessCallbackHasRunByTheTimeWaitForReturns() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        AsyncResult<List<Integer>> result = pool.mapAsync(SleepMillis.class, List.of(200));
        result.onSuccess(millis -> {
            simulateSlowCallback(300); // the result must wait for it
            calls.incrementAndGet();
        });

        assertTrue(result.waitFor(WAIT));

        assertEquals(1, calls.get());
    }

    @Test
    void anErrorCallbackHasRunByTheTimeGetThrows() {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AsyncResult<Integer> result = pool.applyAsync(FailIfNegative.class, -1);
        result.onError(error -> {
            simulateSlowCallback(300);
            errors.add(error);
        });

        ExecutionException thrown = assertThrows(ExecutionException.class, result::get);

        assertEquals(1, errors.size());
        assertSame(thrown.getCause(), errors.get(0));
    }

    @Test
    void aResultIsReadyOnlyOnceItsCallbacksHaveRunNotWhenItsJobFinishes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AsyncResult<Integer> result = pool.applyAsync(SleepMillis.class, 300);
        result.onSuccess(millis -> {
            await(release);
            calls.incrementAndGet();
        });
        Awaitility.await().atMost(WAIT).until(() -> jobState(result.jobId()) == JobState.COMPLETED);

        assertFalse(result.ready());
        assertFalse(result.isDone());
        assertThrows(TimeoutException.class, () -> result.get(200, TimeUnit.MILLISECONDS));
        release.countDown();

        assertEquals(300, result.get(30, TimeUnit.SECONDS));
        assertTrue(result.ready());
        assertEquals(1, calls.get());
    }

    @Test
    void aCallbackRegisteredAfterCompletionRunsAtOnceOnTheCallersThread() throws Exception {
        AsyncResult<Long> result = pool.applyAsync(ComputeCube.class, 4);
        assertEquals(64L, result.get(30, TimeUnit.SECONDS));
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();

        result.onSuccess(cube -> ranOn.set(Thread.currentThread())).onError(error::set);

        assertSame(Thread.currentThread(), ranOn.get());
        assertEquals(null, error.get());
    }

    @Test
    void anEmptyMapAsyncCallsItsSuccessCallbackOnceWithAnEmptyListBeforeGetReturns() throws Exception {
        List<List<Long>> seen = new CopyOnWriteArrayList<>();
        AsyncResult<List<Long>> result = pool.mapAsync(ComputeCube.class, List.<Integer>of());
        result.onSuccess(cubes -> {
            simulateSlowCallback(300);
            seen.add(cubes);
        });

        assertEquals(List.of(), result.get(30, TimeUnit.SECONDS));

        assertEquals(List.of(List.of()), seen);
    }

    @Test
    void aCallbackThatThrowsIsLoggedOnceWithTheJobIdAndBreaksNeitherTheJobNorTheOtherCallbacks() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        AsyncResult<List<Integer>> result;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            result = pool.mapAsync(SleepMillis.class, List.of(300));
            result.onSuccess(millis -> {
                throw new IllegalStateException("a callback broke on purpose");
            });
            result.onSuccess(millis -> seen.add(millis.get(0)));
            assertEquals(List.of(300), result.get(30, TimeUnit.SECONDS));
        } finally {
            System.setErr(stderr);
        }

        assertEquals(List.of(300), seen);
        assertTrue(result.successful());
        List<String> warnings = log.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("WARN") && line.contains(result.jobId())).toList();
        assertEquals(1, warnings.size(), log.toString(StandardCharsets.UTF_8));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("a callback broke on purpose"));
        assertEquals(27L, pool.apply(ComputeCube.class, 3), "the pool still works");
    }

    @Test
    void aCallbackMayCallGetOnItsOwnResultOrAnotherOfThePoolWithoutWaitingForItself() throws Exception {
        AsyncResult<Integer> other = pool.applyAsync(SleepMillis.class, 1000);
        AtomicInteger otherCalls = new AtomicInteger();
        other.onSuccess(millis -> otherCalls.incrementAndGet());
        AsyncResult<Integer> own = pool.applyAsync(SleepMillis.class, 200);
        AtomicReference<Integer> ownValue = new AtomicReference<>();
        AtomicReference<Integer> otherValue = new AtomicReference<>();
        AtomicBoolean readyInside = new AtomicBoolean(true);
        own.onSuccess(millis -> {
            try {
                ownValue.set(own.get());
                readyInside.set(own.ready());
                otherValue.set(other.get());
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        });

        assertEquals(200, own.get(30, TimeUnit.SECONDS));

        assertEquals(200, ownValue.get());
        assertFalse(readyInside.get(), "not ready until its callbacks have returned");
        assertEquals(1000, otherValue.get());
        assertEquals(1000, other.get(30, TimeUnit.SECONDS));
        assertEquals(1, otherCalls.get());
    }

    // ---- 2. an input that throws is the caller's own exception -------------------------------

    @Test
    void anImapWhoseInputThrowsHandsOutTheResultsReadBeforeThenThrowsTheInputsOwnException() throws Exception {
        IllegalStateException broken = new IllegalStateException("the input broke at 3");
        AtomicInteger reads = new AtomicInteger();
        try (ResultSequence<Long> results = pool.imap(ComputeCube.class, failingAt(3, broken, reads),
                JobOptions.defaults().withChunksize(2))) {
            assertEquals(0L, results.next(WAIT));
            assertEquals(1L, results.next(WAIT));
            assertEquals(8L, results.next(WAIT));
            assertSame(broken, assertThrows(IllegalStateException.class, () -> results.next(WAIT)));
            assertFalse(results.hasNext());
        }
        assertEquals(4, reads.get(), "the input is not read after it threw");
    }

    @Test
    void anImapUnorderedWhoseInputThrowsACheckedExceptionGetsItWrappedOnceAfterTheResultsReadBefore() {
        IOException broken = new IOException("the disk went away");
        List<Long> seen = new ArrayList<>();
        try (ResultSequence<Long> results = pool.imapUnordered(ComputeCube.class,
                failingAt(4, broken, new AtomicInteger()))) {
            UncheckedIOException thrown = assertThrows(UncheckedIOException.class, () -> {
                while (true) {
                    seen.add(results.next(WAIT)); // bounded: without a limit, a job that never ends would hang the test
                }
            });
            assertSame(broken, thrown.getCause());
        }
        assertEquals(List.of(0L, 1L, 8L, 27L), seen.stream().sorted().toList());
    }

    @Test
    void aMapWhoseInputThrowsThrowsItFromTheCallItselfAndStoresNothing() {
        long jobs = pool.engine().jobs().jobCount();
        IllegalArgumentException broken = new IllegalArgumentException("no more inputs");
        assertSame(broken, assertThrows(IllegalArgumentException.class,
                () -> pool.map(ComputeCube.class, failingAt(2, broken, new AtomicInteger()))));

        IOException checked = new IOException("the file went away");
        UncheckedIOException wrapped = assertThrows(UncheckedIOException.class,
                () -> pool.mapAsync(ComputeCube.class, failingAt(1, checked, new AtomicInteger())));
        assertSame(checked, wrapped.getCause());
        Iterable<List<Integer>> tuples = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public List<Integer> next() {
                throw sneakyThrow(checked);
            }
        };
        assertSame(checked, assertThrows(UncheckedIOException.class,
                () -> pool.starmap(ComputePower.class, tuples)).getCause());

        assertEquals(jobs, pool.engine().jobs().jobCount(), "no job was stored");
    }

    // ---- 3. errors name the task ----------------------------------------------------------

    @Test
    void anArgumentThatCannotBeEncodedNamesItsIndexItsClassAndTheEncodersReason() throws Exception {
        long jobs = pool.engine().jobs().jobCount();
        List<Object> args = List.of(1, new Opaque());
        String expected = "argument 1 (" + Opaque.class.getName() + ") cannot be encoded as JSON: ";

        IllegalArgumentException mapped = assertThrows(IllegalArgumentException.class, () -> pool.map(anything(), args));
        assertTrue(mapped.getMessage().startsWith(expected), mapped.getMessage());
        assertTrue(mapped.getMessage().contains("No serializer found"), mapped.getMessage());
        IllegalArgumentException applied = assertThrows(IllegalArgumentException.class,
                () -> pool.apply(anything(), new Opaque()));
        assertTrue(applied.getMessage().startsWith("argument 0 (" + Opaque.class.getName() + ")"),
                applied.getMessage());
        assertEquals(jobs, pool.engine().jobs().jobCount(), "no job was stored");

        try (ResultSequence<Object> results = pool.imap(anything(), args)) {
            assertEquals("1", results.next(WAIT).toString());
            IllegalArgumentException imapped = assertThrows(IllegalArgumentException.class, () -> results.next(WAIT));
            assertTrue(imapped.getMessage().startsWith(expected), imapped.getMessage());
        }
    }

    @Test
    void aResultThatDoesNotBindToTheDeclaredTypeFailsThatTaskAloneWithItsIndexAndArgument() {
        TaskFailedException applied = assertThrows(TaskFailedException.class,
                () -> pool.apply(MismatchedResult.class, -1));
        assertEquals(0, applied.taskIndex());
        assertEquals("-1", applied.argument());
        assertTrue(applied.getMessage().contains("\"not a point\" does not fit"), applied.getMessage());

        List<Outcome<MismatchedResult.Point>> outcomes = pool.mapOutcomes(MismatchedResult.class, List.of(1, -2, 3));
        assertEquals(3, outcomes.size());
        assertEquals(new MismatchedResult.Point(1), outcomes.get(0).value());
        assertEquals(1, outcomes.stream().filter(outcome -> !outcome.isSuccess()).count());
        TaskFailedException failed = outcomes.get(1).failure().orElseThrow();
        assertEquals(1, failed.taskIndex());
        assertEquals("-2", failed.argument());
        assertEquals(new MismatchedResult.Point(3), outcomes.get(2).value());

        TaskFailedException mapped = assertThrows(TaskFailedException.class,
                () -> pool.map(MismatchedResult.class, List.of(1, -2, 3)));
        assertEquals(1, mapped.taskIndex());
    }

    // ---- 4. a closed pool says so -----------------------------------------------------------

    @Test
    void anImapHalfConsumedWhenThePoolClosesHandsOutWhatItHoldsThenOneClearIllegalStateException()
            throws TimeoutException {
        List<Integer> inputs = IntStream.range(0, 20).boxed().toList();
        Pool closing = Pool.create(1);
        ResultSequence<Long> results = closing.imap(ComputeCube.class, inputs);
        List<Long> seen = new ArrayList<>(List.of(results.next(WAIT), results.next(WAIT)));

        closing.close();

        IllegalStateException end = assertThrows(IllegalStateException.class, () -> {
            while (true) {
                seen.add(results.next(WAIT));
            }
        });
        assertEquals(inputs.subList(0, seen.size()).stream().map(n -> (long) n * n * n).toList(), seen);
        assertEquals("the pool was closed; the results of job " + results.jobId() + " from index " + seen.size()
                + " on were not handed out (read them before closing the pool)", end.getMessage());
        assertFalse(results.hasNext());
    }

    @Test
    void afterTerminateGetOnAnUnfinishedResultThrowsCancellationAsDoMapAndApplyBlockedInOtherThreads()
            throws Exception {
        Pool terminated = Pool.create(1);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            long jobs = terminated.engine().jobs().jobCount();
            AsyncResult<Integer> pending = terminated.applyAsync(SleepMillis.class, 60_000);
            Future<List<Integer>> mapping = callers.submit(() -> terminated.map(SleepMillis.class, List.of(60_000)));
            Future<Integer> applying = callers.submit(() -> terminated.apply(SleepMillis.class, 60_000));
            Awaitility.await().atMost(WAIT).until(() -> terminated.engine().jobs().jobCount() == jobs + 3);

            terminated.terminate();

            assertThrows(CancellationException.class, pending::get);
            assertTrue(pending.ready());
            assertTrue(pending.isCancelled());
            assertInstanceOf(CancellationException.class,
                    assertThrows(ExecutionException.class, () -> mapping.get(30, TimeUnit.SECONDS)).getCause());
            assertInstanceOf(CancellationException.class,
                    assertThrows(ExecutionException.class, () -> applying.get(30, TimeUnit.SECONDS)).getCause());
        } finally {
            callers.shutdownNow();
            terminated.terminate();
        }
    }

    // ---- fixtures ---------------------------------------------------------------------------

    /** Has no properties, so Jackson cannot encode it. */
    static final class Opaque {
    }

    /** Echo, typed to take anything, to hand the pool an argument of any class. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<? extends Task<Object, Object>> anything() {
        return (Class) Echo.class;
    }

    /**
     * 0, 1, ... up to {@code failAt}, where next() throws {@code error}, a checked one sneakily;
     * counts the calls to next().
     */
    private static Iterable<Integer> failingAt(int failAt, Exception error, AtomicInteger reads) {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                reads.incrementAndGet();
                if (next == failAt) {
                    throw sneakyThrow(error);
                }
                return next++;
            }
        };
    }

    /** Throws {@code e} even if it is checked, as Lombok's {@code @SneakyThrows} does. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }

    private static JobState jobState(String jobId) {
        return pool.engine().jobs().job(jobId).orElseThrow().state();
    }

    /** Work a slow callback does; nothing waits on a condition here. */
    private static void simulateSlowCallback(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
