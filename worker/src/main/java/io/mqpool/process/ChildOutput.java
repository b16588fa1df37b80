package io.mqpool.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output stream of a child process, read line by line on a named daemon thread: each line
 * goes to a listener and the last ones are kept, so a failure can show what the child said.
 * Reading must not wait for the child to exit, or a child that fills its pipe would never exit;
 * for the same reason a listener that throws does not stop it. The thread ends by itself when
 * the stream does.
 */
public final class ChildOutput {

    private static final Logger LOG = LoggerFactory.getLogger(ChildOutput.class);

    private final OutputReading reading;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread reader;

    /** Prepares to read {@code in} as {@code reading} says; {@link #start()} begins. */
    ChildOutput(InputStream in, Charset charset, OutputReading reading) {
        this.reading = reading;
        this.reader = new Thread(() -> pump(in, charset), reading.threadName());
        reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    /** The last lines read so far, oldest first; at most {@link OutputReading#keptLines()}. */
    public List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /** {@link #tail()} as one text, a line each. */
    public String text() {
        return String.join("\n", tail());
    }

    /**
     * Blocks until the stream ended and its last line was handed on, at most {@code timeout}: a
     * grandchild that inherited the stream can hold it open after the child exited.
     *
     * @return whether the stream ended
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void pump(InputStream in, Charset charset) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, charset))) {
            String line;
            while ((line = lines.readLine()) != null) {
                keep(line);
                handOn(line);
            }
        } catch (IOException e) {
            // The pipe closes under us when the child is killed: that is the end of its output.
            LOG.debug("{} stopped reading: {}", reading.threadName(), e.toString());
        } finally {
            ended.countDown();
        }
    }

    private void handOn(String line) {
        try {
            reading.eachLine().accept(line);
        } catch (RuntimeException e) {
            LOG.warn("{}: the listener failed on a line, reading goes on: {}", reading.threadName(), e.toString(), e);
        }
    }

    private void keep(String line) {
        if (reading.keptLines() == 0) {
            return;
        }
        synchronized (tail) {
            if (tail.size() == reading.keptLines()) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
    }
}
