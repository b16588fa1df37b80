package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.engine.EngineStartException;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.builtin.ComputeCube;
import io.mqpool.jobs.builtin.FailOnPurpose;
import io.mqpool.jobs.builtin.SleepMillis;
import io.mqpool.testtasks.ForgottenThreadPoolProgram;
import io.mqpool.testtasks.GreetThisThread;
import io.mqpool.testtasks.ReadThreadGreeting;
import io.mqpool.testtasks.SleepThenCount;
import io.mqpool.testtasks.SleepUntilInterrupted;
import io.mqpool.testtasks.ThreadOfTask;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Starting, closing and terminating pools of threads; their threads, initializer and task limit. */
class PoolThreadsLifecycleIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void tasksRunOnNamedDaemonThreadsThatAreGoneAfterClose() throws Exception {
        Pool pool = Pool.threads(3);
        AsyncResult<List<String>> ran = pool.mapAsync(ThreadOfTask.class, Collections.nCopies(12, 50),
                JobOptions.defaults().withChunksize(1));
        List<String> seen = ran.get(30, TimeUnit.SECONDS);
        Set<Thread> threads = ThreadOfTask.SEEN.get(ran.jobId());

        pool.close();

        assertEquals(3, threads.size(), seen.toString());
        for (String line : seen) {
            String[] parts = line.split(" ");
            assertTrue(parts[1].matches("mqpool-thread-\\d+"), line);
            assertEquals("t" + parts[1].substring("mqpool-thread-".length()), parts[0], "worker id names the thread");
            assertEquals("daemon", parts[2], line);
        }
        threads.forEach(thread -> assertFalse(thread.isAlive(), thread.getName() + " outlived close()"));
    }

    @Test
    void aPoolOfThreadsWithoutACountHasOnePerCore() throws Exception {
        int cores = Pool.cpuCount();
        try (Pool pool = Pool.threads()) {
            AsyncResult<List<String>> ran = pool.mapAsync(ThreadOfTask.class, Collections.nCopies(4 * cores, 200),
                    JobOptions.defaults().withChunksize(1));
            ran.get(30, TimeUnit.SECONDS);
            assertEquals(cores, ThreadOfTask.SEEN.get(ran.jobId()).size());
        }
    }

    @Test
    void closeWaitsForSubmittedWorkThenStopsTheThreads() throws Exception {
        Pool pool = Pool.threads(2);
        AsyncResult<Integer> slow = pool.applyAsync(SleepMillis.class, 1_500);
        AsyncResult<List<Long>> cubes = pool.mapAsync(ComputeCube.class, List.of(1, 2, 3));
        long start = System.nanoTime();

        pool.close();

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1_000, "close() waited for the task");
        assertTrue(slow.ready());
        assertEquals(1_500, slow.get());
        assertEquals(List.of(1L, 8L, 27L), cubes.get());
    }

    @Test
    void closeReturnsAsSoonAsTheWorkIsDoneEveryTime() {
        // Each thread stops on a marker of its own in the queue: one missing would leave its
        // thread waiting until the grace of 5 s runs out.
        for (int round = 0; round < 20; round++) {
            Pool pool = Pool.threads(4);
            pool.map(ComputeCube.class, IntStream.range(0, 200).boxed().toList(), JobOptions.defaults().withChunksize(1));
            long start = System.nanoTime();
            pool.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "round " + round + ": close() took " + took);
        }
    }

    @Test
    void terminateReturnsAtOnceInterruptingRunningTasksAndCancellingQueuedOnes() {
        Pool pool = Pool.threads(2);
        AsyncResult<List<Integer>> queued = pool.mapAsync(SleepUntilInterrupted.class,
                Collections.nCopies(5_000, 60_000), JobOptions.defaults().withChunksize(1));
        Awaitility.await().atMost(WAIT).until(() -> SleepUntilInterrupted.startedOf(queued.jobId()).size() == 2);

        long start = System.nanoTime();
        pool.terminate();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "terminate took " + took);
        assertTrue(queued.ready());
        assertFalse(queued.successful());
        assertThrows(CancellationException.class, queued::get);
        // The two running tasks were interrupted, and none of the 4,998 queued ones started.
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> SleepUntilInterrupted.of(queued.jobId()).size() == 2);
        assertEquals(2, SleepUntilInterrupted.startedOf(queued.jobId()).size());
    }

    @Test
    void callsAfterCloseOrTerminateThrow() {
        Pool closed = Pool.threads(1);
        closed.close();
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.map(ComputeCube.class, List.of(1)));
        assertThrows(IllegalStateException.class, () -> closed.applyAsync(ComputeCube.class, 1));
        assertThrows(IllegalStateException.class, () -> closed.imap(ComputeCube.class, List.of(1)));
        assertThrows(IllegalStateException.class, () -> closed.counter("sum"));

        Pool terminated = Pool.threads(1);
        terminated.terminate();
        terminated.terminate();
        assertThrows(IllegalStateException.class, () -> terminated.apply(ComputeCube.class, 1));
        assertThrows(IllegalStateException.class, () -> terminated.array("squares", 10));
    }

    @Test
    void anImapHalfReadWhenThePoolClosesStillRunsToItsEndThenEndsWithOneClearIllegalStateException()
            throws TimeoutException {
        Pool pool = Pool.threads(2);
        ResultSequence<Long> results = pool.imap(SleepThenCount.class, Collections.nCopies(40, 10),
                JobOptions.defaults().withMaxInFlight(2));
        SharedCounter ran = pool.counter(results.jobId());
        List<Long> seen = new ArrayList<>(List.of(results.next(WAIT), results.next(WAIT)));

        pool.close();

        assertEquals(40, ran.get(), "close() ran what was submitted, the input left unread included");
        IllegalStateException end = assertThrows(IllegalStateException.class, () -> {
            while (true) {
                seen.add(results.next(WAIT));
            }
        });
        assertEquals("the pool was closed; the results of job " + results.jobId() + " from index " + seen.size()
                + " on were not handed out (read them before closing the pool)", end.getMessage());
        assertFalse(results.hasNext());
    }

    @Test
    void anInitializerRunsOnceOnEachThreadBeforeItsFirstTask() {
        GreetThisThread.INITIALIZED.clear();
        try (Pool pool = Pool.builder().threads(2).initializer(GreetThisThread.class, "hello").build()) {
            assertEquals(2, GreetThisThread.INITIALIZED.size(), "build() returned once both threads had run it");
            List<String> seen = pool.map(ReadThreadGreeting.class, IntStream.range(0, 20).boxed().toList(),
                    JobOptions.defaults().withChunksize(1));

            assertTrue(seen.stream().allMatch(line -> line.startsWith("hello t")), seen.toString());
            assertEquals(Set.of("t1", "t2"), new HashSet<>(GreetThisThread.INITIALIZED));
        }
    }

    @Test
    void aFailingInitializerFailsTheStartWithItsError() {
        EngineStartException error = assertThrows(EngineStartException.class,
                () -> Pool.builder().threads(2).initializer(FailOnPurpose.class, "boom").build());

        assertTrue(error.getMessage().contains("failed on purpose: boom"), error.getMessage());
        assertTrue(error.getMessage().contains("mqpool-thread-"), error.getMessage());
    }

    @Test
    void maxTasksPerWorkerReplacesAThreadWithAFreshOneThatRunsTheInitializerAgain() {
        GreetThisThread.INITIALIZED.clear();
        try (Pool pool = Pool.builder().threads(1).maxTasksPerWorker(5).initializer(GreetThisThread.class, "hi")
                .build()) {
            List<String> seen = pool.map(ReadThreadGreeting.class, IntStream.range(0, 20).boxed().toList(),
                    JobOptions.defaults().withChunksize(1));

            assertEquals(List.of("hi t1", "hi t2", "hi t3", "hi t4"), seen.stream().distinct().toList());
            assertEquals(5, Collections.frequency(seen, "hi t2"));
            // The fifth thread started when the fourth retired, and ran the initializer too.
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> GreetThisThread.INITIALIZED.equals(List.of("t1", "t2", "t3", "t4", "t5")));
        }
    }

    @Test
    void aProgramThatForgetsToCloseItsPoolOfThreadsEndsWhenMainReturns() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process program = new ProcessBuilder(java, "-cp", ManagementFactory.getRuntimeMXBean().getClassPath(),
                ForgottenThreadPoolProgram.class.getName()).redirectErrorStream(true).start();
        try {
            // A ten-minute task still runs on it: only daemon threads let the JVM end.
            boolean exited = program.waitFor(30, TimeUnit.SECONDS);
            String output = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(exited, "the program was still running 30 s after it started: " + output);
            assertEquals(0, program.exitValue(), output);
            assertTrue(output.contains("square 49") && output.contains("main returns"), output);
        } finally {
            program.destroyForcibly();
        }
    }
}
