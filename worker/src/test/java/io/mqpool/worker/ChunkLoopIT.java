package io.mqpool.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.ChunkResult;
import io.mqpool.broker.EmbeddedBroker;
import io.mqpool.broker.Queues;
import io.mqpool.broker.TaskChunk;
import io.mqpool.broker.WireCodec;
import io.mqpool.config.BrokerSettings;
import io.mqpool.jobs.TaskJson;
import io.mqpool.jobs.TaskRegistry;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's loop in this JVM against a real broker, its status lines read as the
 * supervisor reads them: they show where each transaction ends ({@code idle}).
 */
class ChunkLoopIT {

    private static final int WINDOW = 8192;
    private static final WireCodec CODEC = new WireCodec();

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private WorkerSessions sessions;
    private BrokerConnection engineConnection;
    private Session engine;
    private final ByteArrayOutputStream statusBytes = new ByteArrayOutputStream();
    private final StopSignal stop = new StopSignal();
    private Thread loopThread;

    @BeforeEach
    void startLoop() throws Exception {
        broker = EmbeddedBroker.start(new BrokerSettings("127.0.0.1", 0, 100, WINDOW, 5), dir);
        engineConnection = BrokerConnection.connect(broker.inVmUrl(), 0);
        engine = engineConnection.openTransactedSession();
        sessions = WorkerSessions.open(broker.inVmUrl(), null, WINDOW, Duration.ZERO);
        StatusReporter status = new StatusReporter(new PrintStream(statusBytes, true, StandardCharsets.UTF_8), null);
        ChunkRunner runner = new ChunkRunner(TaskRegistry.load(null, ChunkLoopIT.class.getClassLoader()),
                new TaskJson(), "w1", status, new StateClient(broker.inVmUrl(), null, "w1"));
        ChunkLoop loop = new ChunkLoop(sessions, runner, stop, new SkippedJobs(), new WorkerLog(System.err, "w1"),
                status, 0);
        loopThread = new Thread(() -> {
            try {
                loop.run(() -> { });
            } catch (BrokerConnectionLostException e) {
                throw new IllegalStateException(e);
            }
        }, "test-chunk-loop");
        loopThread.start();
    }

    @AfterEach
    void stopLoop() throws Exception {
        stop.request();
        loopThread.join(5_000);
        sessions.close();
        engineConnection.close();
        broker.close();
    }

    private void send(List<TaskChunk> chunks) throws JMSException {
        try (MessageProducer producer = Queues.producer(engine, Queues.TASKS)) {
            for (TaskChunk chunk : chunks) {
                producer.send(CODEC.encode(engine, chunk));
            }
            engine.commit();
        }
    }

    private List<ChunkResult> results(int count) throws Exception {
        List<ChunkResult> results = new ArrayList<>();
        try (MessageConsumer consumer = Queues.consumer(engine, Queues.RESULTS)) {
            while (results.size() < count) {
                Message message = consumer.receive(10_000);
                assertNotNull(message, "only " + results.size() + " of " + count + " results came");
                results.add(CODEC.decodeResult(message));
            }
            engine.commit();
        }
        return results;
    }

    private List<String> statusLines() {
        return statusBytes.toString(StandardCharsets.UTF_8).lines()
                .map(line -> line.substring("mqpool-worker ".length())).toList();
    }

    private static List<TaskChunk> quick(String job, int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> new TaskChunk(job, i, i, 1, "echo", "[" + i + "]", 0)).toList();
    }

    @Test
    void aChunkSentAgainAfterADeathRunsInATransactionOfItsOwnEvenWhenItArrivesAmongHeldOnes()
            throws Exception {
        // Enough quick chunks that the worker holds chunks ahead and runs them in groups.
        send(quick("warm", 0, 3 * PrefetchPolicy.CHUNKS_BEFORE_HOLDING));
        results(3 * PrefetchPolicy.CHUNKS_BEFORE_HOLDING);

        TaskChunk retried = new TaskChunk("retried", 0, 0, 1, "echo", "[7]", 0).nextAttempt("{}");
        List<TaskChunk> chunks = new ArrayList<>(quick("quick", 0, 10));
        chunks.add(retried);
        chunks.addAll(quick("quick", 10, 20));
        send(chunks);

        List<ChunkResult> results = results(21);
        assertEquals(1, results.stream().filter(r -> r.jobId().equals("retried")).count());
        assertEquals(20, results.stream().filter(r -> r.jobId().equals("quick")).map(ChunkResult::chunkNo)
                .distinct().count());
        await().atMost(Duration.ofSeconds(5)).until(() -> statusLines().get(statusLines().size() - 1)
                .startsWith("idle"));
        List<String> lines = statusLines();
        int busy = lines.indexOf("busy retried 0 0 1 0");
        assertEquals("idle", lines.get(busy - 1).split(" ")[0],
                "the chunk sent again shared a transaction with the one before it: " + lines);
        assertEquals("idle", lines.get(busy + 1).split(" ")[0],
                "the chunk sent again shared a transaction with the one after it: " + lines);
        assertEquals(0, broker.messageCount(Queues.TASKS));
        assertEquals(0, broker.messageCount(Queues.RETRY));
    }
}
