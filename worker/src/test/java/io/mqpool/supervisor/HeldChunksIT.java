package io.mqpool.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.broker.ChunkResult;
import io.mqpool.broker.EmbeddedBroker;
import io.mqpool.broker.Queues;
import io.mqpool.broker.TaskChunk;
import io.mqpool.config.BrokerSettings;
import io.mqpool.config.WorkerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers that hold quick chunks ahead of the one they run (a consumer window of 8 KiB), through
 * a real broker and worker JVMs: what they hold must never wait behind a long chunk, and chunks
 * of a job that ended must never run.
 */
class HeldChunksIT {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final int WINDOW = 8192;

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private TaskQueueClient queues;
    private Supervisor supervisor;
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();

    @BeforeEach
    void startTwoWorkers() throws Exception {
        broker = EmbeddedBroker.start(new BrokerSettings("127.0.0.1", 0, 100, WINDOW, 5),
                dir.resolve("broker"));
        queues = new TaskQueueClient(broker);
        supervisor = new Supervisor(new WorkerSettings(2, JAVA,
                List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m"),
                System.getProperty("java.class.path"), Duration.ofSeconds(30), Duration.ofSeconds(1), 3),
                new WorkerLaunch(broker.url(), dir.resolve("tasks"), WINDOW), line -> { }, fatal::set);
        supervisor.start();
    }

    @AfterEach
    void stopEverything() {
        supervisor.terminate();
        queues.close();
        broker.close();
    }

    /** Enough quick chunks that both workers start holding chunks ahead. */
    private void warmUp() throws Exception {
        int chunks = 200;
        queues.send(IntStream.range(0, chunks)
                .mapToObj(i -> new TaskChunk("warm", i, i, 1, "echo", "[" + i + "]", 0))
                .toArray(TaskChunk[]::new));
        for (int i = 0; i < chunks; i++) {
            assertNotNull(queues.awaitResult(Duration.ofSeconds(10)), "warm-up chunk " + i + " unanswered");
        }
    }

    @Test
    void chunksHeldBehindALongChunkGoBackToTheQueueAndRunElsewhereUncounted() throws Exception {
        warmUp();
        List<TaskChunk> chunks = new ArrayList<>();
        chunks.add(new TaskChunk("slow", 0, 0, 1, "sleep_millis", "[2000]", 0));
        for (int i = 1; i <= 8; i++) {
            chunks.add(new TaskChunk("slow", i, i, 1, "sleep_millis", "[10]", 0));
        }

        queues.send(chunks.toArray(TaskChunk[]::new));

        List<Integer> finished = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            ChunkResult result = queues.awaitResult(Duration.ofSeconds(10));
            assertNotNull(result, "chunk unanswered; finished so far: " + finished);
            finished.add(result.chunkNo());
        }
        // Whichever worker took the long chunk also held some short ones: without the hand-back
        // they would finish after it.
        assertEquals(0, finished.get(finished.size() - 1), "finished in the order " + finished);
        // A handed-back chunk is not a failed delivery: none went to the retry queue.
        assertNull(queues.awaitRetry(Duration.ofMillis(200)));
        assertNull(fatal.get());
    }

    @Test
    void chunksOfASkippedJobAreTakenFromTheQueueButNeverRun() throws Exception {
        warmUp();
        supervisor.skipChunksOf("ended");

        queues.send(IntStream.range(0, 20)
                .mapToObj(i -> new TaskChunk("ended", i, i, 1, "echo", "[" + i + "]", 0))
                .toArray(TaskChunk[]::new));
        queues.send(new TaskChunk("kept", 0, 0, 1, "echo", "[1]", 0));

        ChunkResult result = queues.awaitResult(Duration.ofSeconds(10));
        assertNotNull(result);
        assertEquals("kept", result.jobId());
        assertNull(queues.awaitResult(Duration.ofMillis(500)), "a chunk of the skipped job ran");
        assertEquals(0, queues.messageCount(Queues.TASKS));
    }
}
