package io.mqpool.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class StdinWatcherTest {

    private final StopSignal stop = new StopSignal();
    private final SkippedJobs skipped = new SkippedJobs();
    private final AtomicBoolean endOfInput = new AtomicBoolean();
    private final WorkerLog log = new WorkerLog(new PrintStream(new ByteArrayOutputStream()), "w1");

    @Test
    void skipAndDrainLinesAreObeyedAsTheyArrive() throws Exception {
        Pipe pipe = Pipe.open();
        StdinWatcher watcher = new StdinWatcher(pipe.source(), stop, skipped, () -> endOfInput.set(true), log);
        watcher.start();

        write(pipe, "skip job-7\n");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> skipped.contains("job-7"));
        assertFalse(stop.isRequested());

        write(pipe, "drain\n");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(stop::isRequested);
        assertFalse(skipped.contains("job-8"));

        pipe.sink().close();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilTrue(endOfInput);
    }

    @Test
    void goReleasesAStandbyWorkerAndSoDoesDrain() throws Exception {
        Pipe pipe = Pipe.open();
        StandbyGate gate = StandbyGate.closed();
        StandbyGate drainedGate = StandbyGate.closed();
        new StdinWatcher(pipe.source(), stop, skipped, () -> endOfInput.set(true), log, gate).start();
        Pipe drainPipe = Pipe.open();
        new StdinWatcher(drainPipe.source(), new StopSignal(), skipped, () -> { }, log, drainedGate).start();

        write(pipe, "go\n");
        write(drainPipe, "drain\n");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(gate::isReleased);
        assertFalse(stop.isRequested());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(drainedGate::isReleased);
        pipe.sink().close();
        drainPipe.sink().close();
    }

    @Test
    void stoppingIsNotEndOfInput() throws Exception {
        Pipe pipe = Pipe.open();
        StdinWatcher watcher = new StdinWatcher(pipe.source(), stop, skipped, () -> endOfInput.set(true), log);
        watcher.start();

        watcher.stop();

        assertFalse(endOfInput.get());
        assertTrue(!pipe.source().isOpen());
    }

    private static void write(Pipe pipe, String text) throws Exception {
        pipe.sink().write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }
}
