package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.AsyncResult;
import io.mqpool.JobOptions;
import io.mqpool.JobTimeoutException;
import io.mqpool.Outcome;
import io.mqpool.Pool;
import io.mqpool.PoolConnectionException;
import io.mqpool.ResultSequence;
import io.mqpool.TaskFailedException;
import io.mqpool.TaskTimeoutException;
import io.mqpool.jobs.builtin.ComputeCube;
import io.mqpool.jobs.builtin.ComputePower;
import io.mqpool.jobs.builtin.ComputeSquare;
import io.mqpool.jobs.builtin.FailOnPurpose;
import io.mqpool.jobs.builtin.SleepMillis;
import io.mqpool.jobs.builtin.Square;
import io.mqpool.jobs.builtin.WorkerPid;
import io.mqpool.testtasks.FailIfNegative;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Pool.connect}: the pool's API against a real {@code mqpool server} process, its jobs
 * run by the server's workers and kept in its store, the server running on after the pool closes.
 */
class PoolConnectIT {

    @RegisterExtension
    static final RunningServer server = RunningServer.withWorkers(2);

    private static Pool connect() {
        return Pool.connect(server.url().toString());
    }

    private static void assertRanOnTheServer(List<Long> pids) {
        Set<Long> workers = server.process().workerPids();
        assertTrue(workers.containsAll(pids), "tasks ran on " + Set.copyOf(pids) + ", the server's workers are "
                + workers);
        assertFalse(pids.contains(ProcessHandle.current().pid()));
    }

    @Test
    void theBlockingAndAsyncCallsRunOnTheServersWorkers() throws Exception {
        try (Pool pool = connect()) {
            assertEquals(List.of(1L, 4L, 9L, 16L), pool.map(Square.class, List.of(1L, 2L, 3L, 4L)));
            assertEquals(List.of(8L, 81L), pool.starmap(ComputePower.class, List.of(List.of(2, 3), List.of(3, 4))));
            assertEquals(27L, pool.apply(ComputeCube.class, 3));
            List<Long> called = new CopyOnWriteArrayList<>();
            AsyncResult<Long> cube = pool.applyAsync(ComputeCube.class, 4).onSuccess(called::add);
            assertEquals(64L, cube.get(30, TimeUnit.SECONDS));
            assertEquals(List.of(64L), called);
            assertEquals(List.of(), pool.map(Square.class, List.<Long>of()));
            assertRanOnTheServer(pool.map(WorkerPid.class, IntStream.range(0, 20).boxed().toList(),
                    JobOptions.defaults().withChunksize(1)));
        }
    }

    @Test
    void imapHandsOutEachResultAsSoonAsItIsReady() throws Exception {
        try (Pool pool = connect()) {
            List<Long> squares = new ArrayList<>();
            pool.imap(Square.class, LongStream.rangeClosed(1, 500).boxed().toList()).forEach(squares::add);
            assertEquals(LongStream.rangeClosed(1, 500).map(i -> i * i).boxed().toList(), squares);
            try (ResultSequence<Integer> sleeps = pool.imapUnordered(SleepMillis.class, List.of(20_000, 50))) {
                // The short task's result comes while the long one still runs.
                assertEquals(50, sleeps.next(Duration.ofSeconds(15)));
                assertEquals("RUNNING", server.api().job(sleeps.jobId()).path("state").asText());
                assertThrows(TimeoutException.class, () -> sleeps.next(Duration.ofMillis(200)));
            }
        }
    }

    @Test
    @Timeout(120)
    void closingWithASequenceHalfReadWaitsForItsJobToEnd() throws Exception {
        String jobId;
        try (Pool pool = connect()) {
            // More results than a sequence holds: the rest are read only to be dropped at close.
            ResultSequence<Long> squares = pool.imap(Square.class, LongStream.range(0, 10_000).boxed().toList(),
                    JobOptions.defaults().withChunksize(100));
            assertEquals(0L, squares.next(Duration.ofSeconds(30)));
            jobId = squares.jobId();
        }
        assertEquals("COMPLETED", server.api().job(jobId).path("state").asText());
    }

    @Test
    void aTaskThatThrowsFailsAsOnAPoolOfItsOwn() {
        try (Pool pool = connect()) {
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> pool.map(FailOnPurpose.class, List.of("a", "b")));
            assertEquals(0, e.taskIndex());
            assertEquals("\"a\"", e.argument());
            assertEquals("java.lang.IllegalStateException", e.remoteClassName());
            assertEquals("failed on purpose: a", e.remoteMessage());
            assertTrue(e.remoteStackTrace().contains("FailOnPurpose.call"), e.remoteStackTrace());
            List<Outcome<String>> outcomes = pool.mapOutcomes(FailOnPurpose.class, List.of("x"));
            assertEquals(1, outcomes.size());
            assertFalse(outcomes.get(0).isSuccess());
            AsyncResult<String> async = pool.applyAsync(FailOnPurpose.class, "y");
            ExecutionException wrapped = assertThrows(ExecutionException.class, () -> async.get(30, TimeUnit.SECONDS));
            assertInstanceOf(TaskFailedException.class, wrapped.getCause());
        }
    }

    @Test
    void timeoutsAreTheServersAndWaitsAreTheCallers() throws Exception {
        try (Pool pool = connect()) {
            assertThrows(TaskTimeoutException.class, () -> pool.apply(SleepMillis.class, 20_000,
                    JobOptions.defaults().withTaskTimeout(Duration.ofMillis(300)).withRetries(0)));
            assertThrows(JobTimeoutException.class, () -> pool.map(SleepMillis.class, List.of(20_000, 20_000),
                    JobOptions.defaults().withJobTimeout(Duration.ofMillis(500))));
            AsyncResult<Integer> slow = pool.applyAsync(SleepMillis.class, 1_500);
            assertThrows(TimeoutException.class, () -> slow.get(100, TimeUnit.MILLISECONDS));
            assertEquals(1_500, slow.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void cancellingAResultCancelsItsJobOnTheServer() {
        try (Pool pool = connect()) {
            AsyncResult<Integer> slow = pool.applyAsync(SleepMillis.class, 30_000);
            assertTrue(slow.cancel(true));
            assertTrue(slow.isCancelled());
            assertThrows(CancellationException.class, slow::get);
            assertEquals("CANCELLED", server.api().job(slow.jobId()).path("state").asText());
        }
    }

    @Test
    void closingLeavesTheServerRunningWithTheJobsInItsList() {
        String jobId;
        try (Pool pool = connect()) {
            jobId = pool.mapAsync(ComputeSquare.class, List.of(5)).jobId();
        } // close waits for the job
        JsonNode job = server.api().job(jobId);
        assertEquals("COMPLETED", job.path("state").asText());
        assertEquals("compute_square", job.path("task").asText());
        assertEquals(2, server.api().activeWorkers());
        try (Pool again = connect()) {
            assertEquals(8L, again.apply(ComputeCube.class, 2));
        }
    }

    @Test
    void severalProgramsShareTheServersWorkers() throws Exception {
        try (Pool first = connect(); Pool second = connect()) {
            List<CompletableFuture<List<Long>>> both = new ArrayList<>();
            for (Pool pool : List.of(first, second)) {
                both.add(CompletableFuture.supplyAsync(() -> pool.map(WorkerPid.class,
                        IntStream.range(0, 10).boxed().toList(), JobOptions.defaults().withChunksize(1))));
            }
            for (CompletableFuture<List<Long>> pids : both) {
                assertRanOnTheServer(pids.get(60, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aTaskTheServerLacksIsRefusedAndNothingIsStored() {
        int before = server.api().jobCount();
        try (Pool pool = connect()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.map(FailIfNegative.class, List.of(1)));
            assertTrue(e.getMessage().contains("refused the job") && e.getMessage().contains("fail_if_negative"),
                    e.getMessage());
        }
        assertEquals(before, server.api().jobCount());
    }

    @Test
    void noServerIsAClearErrorAtOnce() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        PoolConnectionException e = assertThrows(PoolConnectionException.class,
                () -> Pool.connect("http://127.0.0.1:" + freePort));
        assertTrue(e.getMessage().contains("127.0.0.1:" + freePort), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pool.connect("ftp://127.0.0.1:21"));
    }

    @Test
    void aServerLostUnderAWaitingCallFailsItWithAConnectionError(@TempDir Path temp) {
        try (ServerProcess lost = ServerProcess.startInTemp(temp, temp.resolve("data"), 1)) {
            Pool pool = Pool.connect(lost.url().toString());
            try {
                AsyncResult<Integer> slow = pool.applyAsync(SleepMillis.class, 60_000);
                lost.stop();
                await().atMost(Duration.ofSeconds(30)).until(slow::ready);
                ExecutionException e = assertThrows(ExecutionException.class, slow::get);
                assertInstanceOf(PoolConnectionException.class, e.getCause());
                assertTrue(e.getMessage().contains(lost.url().toString()), e.getMessage());
            } finally {
                pool.terminate();
            }
        }
    }
}
