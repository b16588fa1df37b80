package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.engine.EngineStartException;
import io.mqpool.jobs.builtin.ComputeCube;
import io.mqpool.jobs.builtin.FailOnPurpose;
import io.mqpool.jobs.builtin.SleepMillis;
import io.mqpool.jobs.builtin.WorkerPid;
import io.mqpool.supervisor.WorkerView;
import io.mqpool.testtasks.ReadGreeting;
import io.mqpool.testtasks.RememberGreeting;
import io.mqpool.testtasks.SleepThenPid;
import io.mqpool.testtasks.SleepCountingWorkers;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Starting, sharing, closing and terminating pools of real worker processes. */
class PoolLifecycleIT {

    @Test
    void workersAreDistinctProcessesAndEightOneSecondTasksOnEightWorkersTakeAboutOneSecond() {
        try (Pool pool = Pool.create(8)) {
            Set<Long> workerPids = pids(pool);
            assertEquals(8, workerPids.size());
            assertFalse(workerPids.contains(ProcessHandle.current().pid()));

            long start = System.nanoTime();
            List<Long> ranOn = pool.map(SleepThenPid.class, Collections.nCopies(8, 1000),
                    JobOptions.defaults().withChunksize(1));
            Duration wall = Duration.ofNanos(System.nanoTime() - start);

            // On 2 cores, a worker JVM still compiling its hot paths may be a moment late to ask
            // for work, and a neighbour then takes two chunks: the wall time is the real claim.
            assertTrue(new HashSet<>(ranOn).size() >= 4, "tasks spread over the workers: " + ranOn);
            assertTrue(workerPids.containsAll(ranOn));
            assertTrue(wall.compareTo(Duration.ofSeconds(4)) < 0, "8 x 1 s on 8 workers took " + wall);
        }
    }

    @Test
    void closeWaitsForSubmittedAsyncWorkThenStopsTheWorkers() throws Exception {
        Pool pool = Pool.create(2);
        Set<Long> workerPids = pids(pool);
        AsyncResult<Integer> slow = pool.applyAsync(SleepMillis.class, 1500);
        AsyncResult<List<Long>> cubes = pool.mapAsync(ComputeCube.class, List.of(1, 2, 3));
        pool.close();
        assertTrue(slow.ready());
        assertEquals(1500, slow.get());
        assertEquals(List.of(1L, 8L, 27L), cubes.get());
        assertAllGone(workerPids);
    }

    @Test
    void callsAfterCloseOrTerminateThrow() {
        Pool closed = Pool.create(1);
        closed.close();
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.map(ComputeCube.class, List.of(1)));
        assertThrows(IllegalStateException.class, () -> closed.applyAsync(ComputeCube.class, 1));
        assertThrows(IllegalStateException.class, () -> closed.imap(ComputeCube.class, List.of(1)));

        Pool terminated = Pool.create(1);
        terminated.terminate();
        terminated.terminate();
        assertThrows(IllegalStateException.class, () -> terminated.apply(ComputeCube.class, 1));
        assertThrows(IllegalStateException.class, () -> terminated.starmap(ComputeCube.class, List.of()));
    }

    @Test
    void terminateWithThousandsOfQueuedTasksReturnsPromptlyAndLeavesNoWorkerBehind() {
        Pool pool = Pool.create(2);
        Set<Long> workerPids = pids(pool);
        AsyncResult<List<Integer>> queued = pool.mapAsync(SleepMillis.class, Collections.nCopies(5_000, 100),
                JobOptions.defaults().withChunksize(1));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> pool.engine().jobs().job(queued.jobId()).orElseThrow().tasksDone() > 0);

        long start = System.nanoTime();
        pool.terminate();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "terminate took " + took);
        assertAllGone(workerPids);
        assertTrue(queued.ready());
        assertFalse(queued.successful());
    }

    @Test
    void twoPoolsInOneJvmDoNotInterfere() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (Pool first = Pool.create(1); Pool second = Pool.create(1)) {
            assertTrue(Collections.disjoint(pids(first), pids(second)));
            List<Integer> inputs = IntStream.range(0, 2_000).boxed().toList();
            Future<List<Long>> cubes = callers.submit(() -> first.map(ComputeCube.class, inputs));
            Future<List<Integer>> echoes = callers.submit(() -> second.map(SleepMillis.class, inputs.stream()
                    .map(i -> i % 3).toList()));
            assertEquals(inputs.stream().map(i -> (long) i * i * i).toList(), cubes.get());
            assertEquals(inputs.stream().map(i -> i % 3).toList(), echoes.get());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void maxTasksPerWorkerReplacesAWorkerAfterItsShareOfTasks() {
        try (Pool pool = Pool.builder().workers(1).maxTasksPerWorker(5).build()) {
            List<Long> ranOn = pool.map(WorkerPid.class, IntStream.range(0, 20).boxed().toList(),
                    JobOptions.defaults().withChunksize(1));

            Set<Long> distinct = new HashSet<>(ranOn);
            assertEquals(4, distinct.size(), "20 tasks, 5 per worker process: " + ranOn);
        }
    }

    @Test
    void closingAPoolOfOneTaskPerWorkerStartsEachReplacementWhileItsPredecessorRunsAndWaitsForNoSpare()
            throws Exception {
        Pool pool = Pool.builder().workers(3).maxTasksPerWorker(1).build();
        long submitted;
        long closeCalled;
        AsyncResult<List<List<Long>>> runs;
        try {
            submitted = System.currentTimeMillis();
            runs = pool.mapAsync(SleepCountingWorkers.class, Collections.nCopies(6, 300),
                    JobOptions.defaults().withChunksize(1));
            closeCalled = System.currentTimeMillis();
        } finally {
            pool.close();
        }
        long closed = System.currentTimeMillis();

        // [most worker processes alive during the task, task started, task ended]; one JVM each.
        List<List<Long>> byStart = runs.get().stream().sorted(Comparator.comparing(run -> run.get(1))).toList();
        String figures = "submit to close() returned " + (closed - submitted) + " ms, close() took "
                + (closed - closeCalled) + " ms; [workers seen, start, end] relative to submit: "
                + byStart.stream().map(run -> List.of(run.get(0), run.get(1) - submitted,
                        run.get(2) - submitted)).toList();
        System.out.println(figures);
        assertEquals(6, byStart.size());
        // A JVM takes one to several seconds to start on 2 busy cores: the claim is that each
        // replacement starts while its predecessor's task runs instead of after it (only then can
        // the first three tasks see more than the three workers that run them).
        for (List<Long> run : byStart.subList(0, 3)) {
            assertTrue(run.get(0) >= 4, "a task of the first three saw no replacement starting: " + figures);
        }
        // And close() waits for no spare worker to start once the last task is done.
        long lastStarted = byStart.get(5).get(1);
        assertTrue(closed - lastStarted < 2_500, "close() returned long after the last task: " + figures);
    }

    @Test
    void anInitializerRunsOnceInEachWorkerBeforeItsFirstTask() {
        try (Pool pool = Pool.builder().workers(2).initializer(RememberGreeting.class, "hello").build()) {
            List<String> seen = pool.map(ReadGreeting.class, IntStream.range(0, 10).boxed().toList(),
                    JobOptions.defaults().withChunksize(1));

            assertEquals(Collections.nCopies(10, "hello:1"), seen);
        }
    }

    @Test
    void aFailingInitializerStopsThePoolWithItsErrorInsteadOfRespawningWorkers() {
        long start = System.nanoTime();
        EngineStartException error = assertThrows(EngineStartException.class,
                () -> Pool.builder().workers(2).initializer(FailOnPurpose.class, "boom").build());

        assertTrue(error.getMessage().contains("failed on purpose: boom"), error.getMessage());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
    }

    private static Set<Long> pids(Pool pool) {
        Set<Long> pids = new HashSet<>();
        for (WorkerView worker : pool.engine().workers()) {
            pids.add(worker.pid());
        }
        return pids;
    }

    private static void assertAllGone(Set<Long> pids) {
        assertFalse(pids.isEmpty());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                pids.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        for (long pid : pids) {
            assertNotEquals(Boolean.TRUE, ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
    }
}
