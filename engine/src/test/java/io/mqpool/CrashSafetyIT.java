package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.jobs.builtin.ComputeCube;
import io.mqpool.jobs.builtin.SleepMillis;
import io.mqpool.supervisor.WorkerView;
import io.mqpool.testtasks.AppendThenSleep;
import io.mqpool.testtasks.HaltIfNegative;
import io.mqpool.testtasks.SlowSquare;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workers that die or hang under a task: every task still ends with exactly one outcome. */
class CrashSafetyIT {

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
    void killingBusyWorkersAgainAndAgainLosesNoTaskAndRecordsNoneTwice() throws Exception {
        List<Integer> inputs = IntStream.range(0, 5_000).boxed().toList();
        AsyncResult<List<Long>> squares = pool.mapAsync(SlowSquare.class, inputs,
                JobOptions.defaults().withChunksize(5).withRetries(5));
        Set<Long> killed = new HashSet<>();
        // Spread the kills over the job: one each time another ~700 tasks are done.
        for (int kill = 1; kill <= 6; kill++) {
            long due = kill * 700L;
            Optional<Long> victim = Awaitility.await().atMost(Duration.ofSeconds(60)).until(
                    () -> squares.ready() || tasksDone(squares) >= due ? busyWorkerOtherThan(killed) : Optional.empty(),
                    found -> found.isPresent() || squares.ready());
            if (victim.isEmpty()) {
                break;
            }
            killed.add(victim.orElseThrow());
            ProcessHandle.of(victim.orElseThrow()).ifPresent(ProcessHandle::destroyForcibly);
        }

        List<Long> results = squares.get(120, TimeUnit.SECONDS);

        assertEquals(inputs.stream().map(n -> (long) n * n).toList(), results);
        assertEquals(5_000, tasksDone(squares));
        assertTrue(killed.size() >= 3, "workers killed: " + killed.size());
        long executions = countExecutions(squares.jobId());
        assertTrue(executions >= 5_000, executions + " executions");
        System.out.printf("chaos: %d workers killed; %d executions for 5000 tasks (%d ran again), 5000 outcomes%n",
                killed.size(), executions, executions - 5_000);
    }

    private static long tasksDone(AsyncResult<?> job) {
        return pool.engine().jobs().job(job.jobId()).orElseThrow().tasksDone();
    }

    private static long countExecutions(String jobId) throws IOException {
        Path dir = SlowSquare.executionLog(jobId);
        try (Stream<Path> logs = Files.list(dir)) {
            long count = 0;
            for (Path log : logs.toList()) {
                count += Files.readAllLines(log).size();
            }
            return count;
        } finally {
            try (Stream<Path> logs = Files.list(dir)) {
                for (Path log : logs.toList()) {
                    Files.delete(log);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void aTaskThatKillsEveryWorkerFailsAfterItsRetriesWithTheExit() {
        TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> pool.map(HaltIfNegative.class, List.of(-3), JobOptions.defaults().withRetries(2)));

        assertEquals("io.mqpool.WorkerDiedException", failure.remoteClassName());
        assertEquals("worker died 3 times while running this task (last exit: code 3)", failure.remoteMessage());
        assertEquals(27L, pool.apply(ComputeCube.class, 3), "the pool still works");
    }

    @Test
    void onlyTheTaskThatKillsItsWorkerFailsTheRestOfItsChunkSucceeds() {
        List<Outcome<Integer>> outcomes = pool.mapOutcomes(HaltIfNegative.class, List.of(1, -4, 2),
                JobOptions.defaults().withChunksize(3).withRetries(1));

        assertEquals(1, outcomes.get(0).value());
        assertEquals("worker died 2 times while running this task (last exit: code 4)",
                outcomes.get(1).failure().orElseThrow().remoteMessage());
        assertEquals(2, outcomes.get(2).value());
    }

    @Test
    void aTaskPastItsTimeoutIsStoppedByKillingItsWorkerAndFailsAtOnceWithTaskTimeoutException(@TempDir Path dir)
            throws IOException {
        Path runs = dir.resolve("runs");
        long start = System.nanoTime();
        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> pool.apply(AppendThenSleep.class,
                runs + "|60000", JobOptions.defaults().withTaskTimeout(Duration.ofSeconds(1)).withRetries(2)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertInstanceOf(TaskTimeoutException.class, failure);
        assertTrue(failure.remoteMessage().startsWith("task ran past its task timeout of 1s 1 time;"),
                failure.remoteMessage());
        assertEquals(1, Files.readAllLines(runs).size(), "attempts: " + Files.readAllLines(runs));
        // 1 s of task, 0.1 s to notice, the death gathered for 0.5 s, then the failure recorded.
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
        assertEquals(27L, pool.apply(ComputeCube.class, 3), "the pool still works");
    }

    @Test
    void aJobThatRetriesTimeoutsTriesATaskPastItsTimeoutAgainUpToItsRetries(@TempDir Path dir) throws IOException {
        Path runs = dir.resolve("runs");
        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> pool.apply(AppendThenSleep.class,
                runs + "|60000", JobOptions.defaults().withTaskTimeout(Duration.ofSeconds(1)).withRetries(1)
                        .withRetryTimeouts(true)));

        assertInstanceOf(TaskTimeoutException.class, failure);
        assertTrue(failure.remoteMessage().startsWith("task ran past its task timeout of 1s 2 times"),
                failure.remoteMessage());
        assertEquals(2, Files.readAllLines(runs).size(), "attempts: " + Files.readAllLines(runs));
    }

    @Test
    void aTimedOutTaskIsNotRunAgainButTheOtherTasksOfItsChunkGetTheirResults(@TempDir Path dir) throws IOException {
        Path runs = dir.resolve("runs");
        List<Outcome<Long>> outcomes = pool.mapOutcomes(AppendThenSleep.class,
                List.of(runs + "|10", runs + "|60000", runs + "|10"),
                JobOptions.defaults().withChunksize(3).withTaskTimeout(Duration.ofSeconds(1)));

        assertTrue(outcomes.get(0).failure().isEmpty(), outcomes.toString());
        assertInstanceOf(TaskTimeoutException.class, outcomes.get(1).failure().orElseThrow());
        assertTrue(outcomes.get(2).failure().isEmpty(), outcomes.toString());
        // Task 0 runs again with the chunk's next attempt (its first result died uncommitted).
        assertEquals(1, Files.readAllLines(runs).stream().filter(line -> line.startsWith("1 ")).count(),
                "attempts: " + Files.readAllLines(runs));
    }

    @Test
    void killingAnIdleWorkerDoesNotBlockThePool() {
        WorkerView idle = pool.engine().workers().stream().filter(w -> w.activity().equals("idle"))
                .findFirst().orElseThrow();
        ProcessHandle.of(idle.pid()).ifPresent(ProcessHandle::destroyForcibly);

        List<Long> cubes = pool.map(ComputeCube.class, IntStream.range(0, 300).boxed().toList(),
                JobOptions.defaults().withChunksize(1));

        assertEquals(300, cubes.size());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pool.engine().workers().stream()
                .filter(w -> w.id().equals(idle.id())).anyMatch(w -> w.pid() != idle.pid()
                        && !w.activity().equals("restarting") && !w.activity().equals("starting")));
    }

    @Test
    void cancellingAJobStopsItsRunningTaskByReplacingItsWorker() {
        AsyncResult<Integer> endless = pool.applyAsync(SleepMillis.class, 600_000);
        WorkerView busy = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pool.engine().workers()
                .stream().filter(w -> w.current() != null && w.current().jobId().equals(endless.jobId()))
                .findFirst(), Optional::isPresent).orElseThrow();

        assertTrue(endless.cancel(true));

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> ProcessHandle.of(busy.pid())
                .map(p -> !p.isAlive()).orElse(true));
        assertEquals(27L, pool.apply(ComputeCube.class, 3), "the pool still works");
    }

    @Test
    void cancellingAJobWithoutInterruptLetsItsRunningTasksFinishOnTheirWorkersAndRunsNoQueuedOne(@TempDir Path dir)
            throws Exception {
        Path runs = dir.resolve("runs");
        try (Pool own = Pool.create(2)) {
            AsyncResult<List<Long>> job = own.mapAsync(AppendThenSleep.class, Collections.nCopies(5, runs + "|3000"),
                    JobOptions.defaults().withChunksize(1));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> lines(runs) == 2);
            Map<String, Long> pids = pids(own);

            assertTrue(job.cancel(false));

            assertTrue(job.isCancelled());
            assertTrue(job.isDone());
            assertThrows(CancellationException.class, job::get);
            assertFalse(job.cancel(false), "already cancelled");
            assertFalse(job.cancel(true), "already cancelled");
            // The two running tasks finish on the workers that run them; their outcomes are recorded.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> own.engine().jobs().job(job.jobId())
                    .orElseThrow().tasksDone() == 2);
            assertEquals(pids, pids(own), "no worker was replaced");
            assertTrue(own.engine().workers().stream().allMatch(w -> w.restarts() == 0), own.engine().workers().toString());
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> lines(runs) == 2);
        }
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    private static Map<String, Long> pids(Pool of) {
        return of.engine().workers().stream().collect(Collectors.toMap(WorkerView::id, WorkerView::pid));
    }

    private static Optional<Long> busyWorkerOtherThan(Set<Long> killed) {
        return pool.engine().workers().stream()
                .filter(w -> w.activity().equals("busy") && !killed.contains(w.pid()))
                .map(WorkerView::pid)
                .findFirst();
    }
}
