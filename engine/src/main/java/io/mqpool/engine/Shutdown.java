package io.mqpool.engine;

import io.mqpool.broker.SessionLoop;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of an engine in the order they started, closed once in reverse order. A part that
 * fails to close is logged and the rest still close.
 */
final class Shutdown {

    private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

    private record Part(String name, AutoCloseable closeable) {
    }

    private final Deque<Part> parts = new ArrayDeque<>();
    private volatile boolean closed;

    synchronized <T extends AutoCloseable> T add(String name, T part) {
        parts.push(new Part(name, part));
        return part;
    }

    boolean isClosed() {
        return closed;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the pool is closed");
        }
    }

    /** Closes every part once; {@code beforeParts} runs first (it wakes waiters). */
    synchronized void close(boolean forced, Runnable beforeParts) {
        if (closed) {
            return;
        }
        closed = true;
        beforeParts.run();
        while (!parts.isEmpty()) {
            Part part = parts.pop();
            long start = System.nanoTime();
            try {
                part.closeable().close();
                log.debug("closed the {} in {} ms", part.name(), (System.nanoTime() - start) / 1_000_000);
            } catch (Exception e) {
                log.warn("closing the {} failed{}: {}", part.name(), forced ? " during terminate" : "", e.toString());
            }
            // The workers, started last, close first; from then on every loop left may stop once
            // its turn ends, each waiting out its receive at the same time as the others.
            parts.stream().map(Part::closeable).filter(SessionLoop.class::isInstance)
                    .map(SessionLoop.class::cast).filter(SessionLoop::stopsEarly)
                    .forEach(SessionLoop::stopSoon);
        }
    }
}
