package io.mqpool.supervisor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.broker.ChunkResult;
import io.mqpool.broker.EmbeddedBroker;
import io.mqpool.broker.Queues;
import io.mqpool.broker.TaskChunk;
import io.mqpool.broker.WireCodec;
import io.mqpool.config.BrokerSettings;
import io.mqpool.config.WorkerSettings;
import io.mqpool.outcome.TaskOutcome.Value;
import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorIT {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final List<String> FAST_JVM = List.of("-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xmx128m");

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private TaskQueueClient queues;
    private Session session;
    private final List<Supervisor> supervisors = new ArrayList<>();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();

    @BeforeEach
    void startBroker() throws Exception {
        broker = EmbeddedBroker.start(new BrokerSettings("127.0.0.1", 0, 100, 0, 5),
                dir.resolve("broker"));
        queues = new TaskQueueClient(broker);
        session = queues.session();
    }

    @AfterEach
    void stopEverything() {
        supervisors.forEach(Supervisor::terminate);
        queues.close();
        broker.close();
    }

    private static WorkerSettings settings(int count) {
        return new WorkerSettings(count, JAVA, FAST_JVM, System.getProperty("java.class.path"),
                Duration.ofSeconds(30), Duration.ofSeconds(1), 3);
    }

    private Supervisor supervisor(WorkerSettings settings) {
        Supervisor supervisor = new Supervisor(settings,
                new WorkerLaunch(broker.url(), dir.resolve("tasks"), 0), output::add, fatal::set);
        supervisors.add(supervisor);
        return supervisor;
    }

    private Supervisor started(int count) {
        Supervisor supervisor = supervisor(settings(count));
        supervisor.start();
        return supervisor;
    }

    private static Set<Long> pids(Supervisor supervisor) {
        return supervisor.workers().stream().map(WorkerView::pid).collect(Collectors.toSet());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void workersReportReadyWithDistinctPidsAndReturnCorrectOutcomes() throws Exception {
        Supervisor supervisor = started(2);

        List<WorkerView> workers = supervisor.workers();
        assertEquals(List.of("w1", "w2"), workers.stream().map(WorkerView::id).toList());
        assertTrue(workers.stream().allMatch(w -> w.state() == WorkerState.RUNNING));
        assertEquals(2, pids(supervisor).size());
        assertTrue(pids(supervisor).stream().allMatch(SupervisorIT::alive));

        queues.send(new TaskChunk("job-1", 0, 0, 2, "sleep_millis", "[10, 20]", 0));
        ChunkResult sleeps = queues.awaitResult(Duration.ofSeconds(10));
        assertEquals(List.of(new Value("10"), new Value("20")), TaskQueueClient.outcomes(sleeps));
        assertEquals(0, sleeps.outcomes().failures());

        queues.send(new TaskChunk("job-1", 1, 2, 1, "worker_pid", "[0]", 0));
        ChunkResult pid = queues.awaitResult(Duration.ofSeconds(10));
        long reported = TaskQueueClient.firstValue(pid);
        assertTrue(pids(supervisor).contains(reported), reported + " is not a worker's pid");
        assertTrue(Set.of("w1", "w2").contains(pid.workerId()));
    }

    @Test
    void aKilledWorkerIsRestartedUnderItsIdWithANewPid() throws Exception {
        Supervisor supervisor = started(1);
        long first = supervisor.workers().get(0).pid();
        assertEquals(0, supervisor.restarts());

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(15)).until(() -> {
            WorkerView w = supervisor.workers().get(0);
            return w.state() == WorkerState.RUNNING && w.pid() != first;
        });
        WorkerView restarted = supervisor.workers().get(0);
        assertEquals("w1", restarted.id());
        assertEquals(1, restarted.restarts());
        assertEquals(1, supervisor.restarts(), "the supervisor's total counts it too");
        queues.send(new TaskChunk("job-2", 0, 0, 1, "worker_pid", "[0]", 0));
        ChunkResult result = queues.awaitResult(Duration.ofSeconds(10));
        assertEquals(restarted.pid(),
                TaskQueueClient.firstValue(result));
    }

    @Test
    void aChunkWhoseWorkerIsKilledMidwayGoesToTheRetryQueueAndItsNextAttemptIsAnsweredOnce()
            throws Exception {
        Supervisor supervisor = started(1);
        long first = supervisor.workers().get(0).pid();
        queues.send(new TaskChunk("job-3", 0, 0, 1, "sleep_then_describe", "[3000]", 0));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> supervisor.workers().get(0).activity().equals("busy"));

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        TaskChunk retry = queues.awaitRetry(Duration.ofSeconds(10));
        assertNotNull(retry, "the chunk of the killed worker did not reach the retry queue");
        queues.send(retry.nextAttempt("{}"));
        ChunkResult result = queues.awaitResult(Duration.ofSeconds(20));
        assertNotNull(result, "the chunk was not answered after the restart");
        // The chunk's second attempt: the task sees one delivery before this run.
        assertEquals(List.of(new Value("\"job-3/0/1/w1\"")), TaskQueueClient.outcomes(result));
        assertNotEquals(first, supervisor.workers().get(0).pid());
        assertNull(queues.awaitResult(Duration.ofMillis(500)), "the chunk was answered twice");
    }

    @Test
    void aMalformedMessageGoesToTheDeadLetterQueueAndTheWorkerSurvives() throws Exception {
        Supervisor supervisor = started(1);
        long pid = supervisor.workers().get(0).pid();
        try (MessageProducer producer = Queues.producer(session, Queues.TASKS)) {
            BytesMessage garbage = session.createBytesMessage();
            garbage.setStringProperty("origin", "test");
            garbage.writeBytes("not a chunk".getBytes());
            producer.send(garbage);
            session.commit();
        }

        try (MessageConsumer dead = Queues.consumer(session, Queues.DEAD_LETTER)) {
            Message message = dead.receive(10_000);
            assertNotNull(message, "nothing reached the dead-letter queue");
            assertEquals("test", message.getStringProperty("origin"));
            assertEquals("malformed message: property 'job' is missing",
                    message.getStringProperty(WireCodec.DEAD_REASON));
            assertEquals("not a chunk", new String(message.getBody(byte[].class)));
            session.commit();
        }
        queues.send(new TaskChunk("job-4", 0, 0, 1, "worker_pid", "[0]", 0));
        ChunkResult result = queues.awaitResult(Duration.ofSeconds(10));
        assertEquals(pid, TaskQueueClient.firstValue(result));
        assertEquals(0, supervisor.workers().get(0).restarts());
    }

    @Test
    void scalingDownLetsTheNewestWorkerFinishItsChunkBeforeItExits() throws Exception {
        Supervisor supervisor = started(2);
        long newest = supervisor.workers().get(1).pid();
        queues.send(new TaskChunk("job-5", 0, 0, 1, "sleep_millis", "[1500]", 0));
        queues.send(new TaskChunk("job-5", 1, 1, 1, "sleep_millis", "[1500]", 0));
        // Each worker holds one chunk: no prefetch.
        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.workers().stream()
                .allMatch(w -> w.activity().equals("busy")));

        supervisor.scale(1);

        assertEquals(WorkerState.DRAINING, supervisor.workers().get(1).state());
        List<String> answeredBy = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ChunkResult result = queues.awaitResult(Duration.ofSeconds(10));
            assertNotNull(result, "a chunk was not answered");
            assertEquals(List.of(new Value("1500")), TaskQueueClient.outcomes(result));
            answeredBy.add(result.workerId());
        }
        assertTrue(answeredBy.containsAll(List.of("w1", "w2")), answeredBy.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> !alive(newest));
        await().atMost(Duration.ofSeconds(5)).until(() -> supervisor.workers().size() == 1);
        assertEquals("w1", supervisor.workers().get(0).id());
        assertEquals(WorkerState.RUNNING, supervisor.workers().get(0).state());
    }

    @Test
    void scalingUpAddsWorkersWithTheNextIds() {
        Supervisor supervisor = started(1);

        supervisor.scale(3);

        assertEquals(List.of("w1", "w2", "w3"),
                supervisor.workers().stream().map(WorkerView::id).toList());
        assertEquals(3, pids(supervisor).size());
    }

    @Test
    void aBadJvmOptionFailsStartWithinSecondsAndShowsTheJvmsComplaint() {
        WorkerSettings base = settings(2);
        Supervisor supervisor = supervisor(new WorkerSettings(2, JAVA,
                List.of("-XX:+NoSuchOption"), base.classPath(), Duration.ofSeconds(30),
                Duration.ofSeconds(1), 3));
        long began = System.nanoTime();

        WorkerStartException e = assertThrows(WorkerStartException.class, supervisor::start);

        assertTrue(Duration.ofNanos(System.nanoTime() - began).toSeconds() < 10);
        assertTrue(e.getMessage().matches("worker w[12] exited with code 1 before it was ready: .*"),
                e.getMessage());
        assertTrue(e.getMessage().contains("NoSuchOption"), e.getMessage());
        assertTrue(supervisor.workers().isEmpty());
    }

    @Test
    void aJavaCommandThatDoesNotExistFailsStartAtOnce() {
        WorkerSettings base = settings(1);
        Supervisor supervisor = supervisor(new WorkerSettings(1, Path.of("/no/such/java"),
                List.of(), base.classPath(), Duration.ofSeconds(30), Duration.ofSeconds(1), 3));

        WorkerStartException e = assertThrows(WorkerStartException.class, supervisor::start);

        assertEquals("cannot start worker w1: /no/such/java cannot be run: error=2, No such file "
                + "or directory", e.getMessage());
    }

    @Test
    void aWorkerThatIsNotReadyInTimeIsKilledAndReported() {
        WorkerSettings base = settings(1);
        Supervisor supervisor = supervisor(new WorkerSettings(1, JAVA, FAST_JVM,
                base.classPath(), Duration.ofMillis(150), Duration.ofSeconds(1), 3));

        WorkerStartException e = assertThrows(WorkerStartException.class, supervisor::start);

        assertTrue(e.getMessage().startsWith("worker w1 did not report ready within 150 ms: "),
                e.getMessage());
    }

    @Test
    void aWorkerThatCannotBeRestartedIsReportedAsFatal() {
        Supervisor supervisor = supervisor(new WorkerSettings(1, JAVA, FAST_JVM,
                System.getProperty("java.class.path"), Duration.ofSeconds(30),
                Duration.ofMillis(200), 2));
        supervisor.start();

        broker.close(); // the worker loses its broker and every restart fails to connect

        await().atMost(Duration.ofSeconds(20)).until(() -> fatal.get() != null);
        assertTrue(fatal.get().getMessage().startsWith(
                "giving up on worker w1 after 2 failed starts in a row; last: worker w1 exited "
                        + "with code 3 before it was ready: "), fatal.get().getMessage());
        assertEquals(WorkerState.STOPPED, supervisor.workers().get(0).state());
    }

    @Test
    void noWorkerSurvivesCloseOrTerminate() throws Exception {
        Supervisor closing = started(2);
        Set<Long> closedPids = pids(closing);
        queues.send(new TaskChunk("job-6", 0, 0, 1, "sleep_millis", "[300]", 0));

        closing.close();
        closing.close();

        assertFalse(closedPids.stream().anyMatch(SupervisorIT::alive));
        assertTrue(closing.workers().stream().allMatch(w -> w.state() == WorkerState.STOPPED));

        Supervisor terminating = started(1);
        Set<Long> terminatedPids = pids(terminating);
        queues.send(new TaskChunk("job-6", 1, 1, 1, "sleep_millis", "[60000]", 0));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> terminating.workers().get(0).activity().equals("busy"));

        terminating.terminate();
        terminating.terminate();

        assertFalse(terminatedPids.stream().anyMatch(SupervisorIT::alive));
    }

    @Test
    void workerOutputReachesTheOutputHandlerAndNotTheReadyLine() throws Exception {
        started(1);
        queues.send(new TaskChunk("job-7", 0, 0, 1, "echo", "[1]", 0));
        assertNotNull(queues.awaitResult(Duration.ofSeconds(10)));

        assertTrue(output.stream().noneMatch(line -> line.startsWith("mqpool-worker ")),
                output.toString());
    }

    @Test
    void aWorkerReportsTheChunkItIsBusyWithAndItsTasksDoneOnceIdle() throws Exception {
        Supervisor supervisor = started(1);
        assertEquals("idle", supervisor.workers().get(0).activity());
        queues.send(new TaskChunk("job-8", 4, 40, 2, "sleep_millis", "[1500, 10]", 0));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> supervisor.workers().get(0).current() != null);
        WorkerView busy = supervisor.workers().get(0);
        assertEquals("busy", busy.activity());
        CurrentChunk current = busy.current();
        assertEquals(new CurrentChunk("job-8", 4, 40, 2, current.since(), 0, 40,
                current.taskSince()), current);

        assertNotNull(queues.awaitResult(Duration.ofSeconds(10)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> supervisor.workers().get(0).activity().equals("idle"));
        assertEquals(2, supervisor.workers().get(0).tasksDone());
    }

    @Test
    void aWorkerWhoseTaskRunsPastItsTimeoutIsKilledRecordedAsTimedOutAndReplaced()
            throws Exception {
        Supervisor supervisor = started(1);
        long first = supervisor.workers().get(0).pid();
        queues.send(new TaskChunk("job-9", 0, 90, 1, "sleep_millis", "[60000]", 1000));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> supervisor.workers().get(0).current() != null);
        long busyAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> supervisor.deathOf("job-9", 0).isPresent());

        long killedAfterMillis = Duration.ofNanos(System.nanoTime() - busyAt).toMillis();
        assertTrue(killedAfterMillis >= 700 && killedAfterMillis < 3000,
                "killed after " + killedAfterMillis + " ms");
        assertEquals(new ChunkDeath("job-9", 0, "w1", 90, true, 1000, "signal 9"),
                supervisor.deathOf("job-9", 0).orElseThrow());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            WorkerView w = supervisor.workers().get(0);
            return w.state() == WorkerState.RUNNING && w.pid() != first && alive(w.pid());
        });
        assertFalse(alive(first));
        assertNotNull(queues.awaitRetry(Duration.ofSeconds(5)), "the chunk did not reach the retry queue");
        assertNull(fatal.get());
    }

    @Test
    void aBusyWorkerKilledFromOutsideRecordsTheTaskItWasRunningAndTheSignal() throws Exception {
        Supervisor supervisor = started(1);
        long pid = supervisor.workers().get(0).pid();
        queues.send(new TaskChunk("job-10", 3, 30, 3, "sleep_millis", "[0, 60000, 0]", 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            CurrentChunk current = supervisor.workers().get(0).current();
            return current != null && current.taskIndex() == 31;
        });

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> supervisor.deathOf("job-10", 3).isPresent());
        assertEquals(new ChunkDeath("job-10", 3, "w1", 31, false, 0, "signal 9"),
                supervisor.deathOf("job-10", 3).orElseThrow());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            WorkerView w = supervisor.workers().get(0);
            return w.state() == WorkerState.RUNNING && w.pid() != pid;
        });
    }

    @Test
    void aWorkerKilledWhileIdleIsRestartedAndRecordsNoDeath() throws Exception {
        Supervisor supervisor = started(1);
        long pid = supervisor.workers().get(0).pid();
        queues.send(new TaskChunk("job-11", 0, 0, 2, "sleep_millis", "[1, 1]", 0));
        assertNotNull(queues.awaitResult(Duration.ofSeconds(10)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> supervisor.workers().get(0).tasksDone() == 2);

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            WorkerView w = supervisor.workers().get(0);
            return w.state() == WorkerState.RUNNING && w.pid() != pid;
        });
        assertTrue(supervisor.deathOf("job-11", 0).isEmpty());
        assertEquals(1, supervisor.workers().get(0).restarts());
    }

    @Test
    void aSupervisedWorkerIgnoresSigint() throws Exception {
        Supervisor supervisor = started(1);
        long pid = supervisor.workers().get(0).pid();

        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor());

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> alive(pid));
        queues.send(new TaskChunk("job-12", 0, 0, 1, "worker_pid", "[0]", 0));
        ChunkResult result = queues.awaitResult(Duration.ofSeconds(10));
        assertEquals(pid, TaskQueueClient.firstValue(result));
    }
}
