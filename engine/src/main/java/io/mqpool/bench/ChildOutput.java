package io.mqpool.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One output stream of a child process, read line by line on a named daemon thread: each line
 * goes to a listener and the last ones are kept, so a failure can show what the child said.
 * Reading must not wait for the child to exit, or a child that fills its pipe would never exit.
 */
final class ChildOutput {

    private static final int KEPT_LINES = 200;

    private final Deque<String> tail = new ArrayDeque<>();
    private final CountDownLatch ended = new CountDownLatch(1);

    private ChildOutput() {
    }

    /** Starts reading {@code in} until its end; {@code eachLine} runs on the reading thread. */
    static ChildOutput read(InputStream in, String threadName, Consumer<String> eachLine) {
        ChildOutput output = new ChildOutput();
        Thread reader = new Thread(() -> output.pump(in, eachLine), threadName);
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    /** The last lines read so far, one per line. */
    String text() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    /**
     * Blocks until the stream ended, at most {@code timeout}: a grandchild that inherited the
     * stream can hold it open after the child exited.
     *
     * @return whether the stream ended
     */
    boolean awaitEnd(Duration timeout) {
        try {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void pump(InputStream in, Consumer<String> eachLine) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                keep(line);
                try {
                    eachLine.accept(line);
                } catch (RuntimeException e) {
                    // A listener's failure must not stop the reading: the child would block on a full pipe.
                    keep("(listener failed on the line above: " + e + ")");
                }
            }
        } catch (IOException e) {
            // The child is gone and took the pipe with it: what was read stays readable.
            keep("(output ended: " + e.getMessage() + ")");
        } finally {
            ended.countDown();
        }
    }

    private void keep(String line) {
        synchronized (tail) {
            if (tail.size() == KEPT_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
    }
}
