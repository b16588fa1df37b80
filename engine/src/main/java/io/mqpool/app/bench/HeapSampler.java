package io.mqpool.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap this JVM has used while it ran: sampled every 100 ms on its own thread, and
 * whenever {@link #sample()} is called. Heap in use includes garbage not yet collected, so the
 * peak is an upper bound of what the work needed, up to the {@code -Xmx} cap.
 */
final class HeapSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 100;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peakBytes = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    private HeapSampler() {
        thread = new Thread(this::loop, "mqpool-bench-heap-sampler");
        thread.setDaemon(true);
    }

    static HeapSampler start() {
        HeapSampler sampler = new HeapSampler();
        sampler.sample();
        sampler.thread.start();
        return sampler;
    }

    void sample() {
        long used = memory.getHeapMemoryUsage().getUsed();
        peakBytes.accumulateAndGet(used, Math::max);
    }

    double peakMegabytes() {
        return peakBytes.get() / (1024.0 * 1024.0);
    }

    /** Stops sampling and waits for the thread, at most a second. Idempotent. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (!stopped) {
            sample();
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
