package io.mqpool.app.bench;

import io.mqpool.app.bench.BenchSizes.SoakMix;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures the soak's server every {@code sampleInterval} on a thread of its own
 * ({@code mqpool-bench-soak-sampler}), once more after a full collection of its heap at the end
 * of the first window, and tells the progress a line five times a window. A sample that fails is told to
 * the progress and skipped; whether the server still runs is the workload's to check.
 */
final class SoakSampler implements AutoCloseable {

    private static final double MIB = 1024.0 * 1024.0;

    private final SoakProbe probe;
    private final Duration interval;
    private final long startNanos;
    private final SoakJobs jobs;
    private final Workload.Progress progress;
    private final long noteEvery;
    private final long fullGcAt;
    private final List<SoakSample> samples = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;

    /** @param startNanos when the clients started ({@link System#nanoTime}), from which samples count */
    SoakSampler(SoakProbe probe, SoakMix mix, long startNanos, SoakJobs jobs, Workload.Progress progress) {
        this.probe = probe;
        this.interval = mix.sampleInterval();
        this.startNanos = startNanos;
        this.jobs = jobs;
        this.progress = progress;
        this.noteEvery = Math.max(1, mix.window().toNanos() / 5 / interval.toNanos());
        this.fullGcAt = Math.round((double) mix.window().toNanos() / interval.toNanos());
        this.thread = new Thread(this::loop, "mqpool-bench-soak-sampler");
        thread.setDaemon(true);
    }

    /** Starts sampling at {@code interval}, {@code 2 × interval}, … after the start. */
    SoakSampler start() {
        thread.start();
        return this;
    }

    /**
     * Takes a sample now, on the caller's thread: the first one before the clients start and the
     * last ones once they stop. Blocks for it.
     *
     * @throws UncheckedIOException or IllegalStateException if the server cannot be measured
     */
    SoakSample sample(boolean fullGc) throws InterruptedException {
        SoakSample sample = probe.sample(startNanos, fullGc);
        synchronized (samples) {
            samples.add(sample);
        }
        return sample;
    }

    List<SoakSample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Stops sampling and waits for a sample under way (its scrape times out after 30 s). Idempotent. */
    @Override
    public void close() {
        stopped.countDown();
        try {
            thread.join(Duration.ofSeconds(70).toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        for (long k = 1; ; k++) {
            long due = startNanos + interval.toNanos() * k;
            try {
                if (stopped.await(due - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    return;
                }
                SoakSample sample = sample(false);
                if (k == fullGcAt) {
                    // Apart from the sample on the window's edge: a full collection takes a while.
                    sample(true);
                }
                if (k % noteEvery == 0) {
                    progress.note(line(sample));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                progress.note("no sample at " + Math.round((System.nanoTime() - startNanos) / 1e9) + " s: "
                        + e.getMessage());
            }
        }
    }

    private String line(SoakSample sample) {
        return String.format(Locale.ROOT, "%.0f s: %,d tasks done, %s; data %.1f MiB, heap after GC %.0f MiB, "
                + "%d threads, %d open files", sample.seconds(), sample.tasksDone(), jobs.summary(),
                sample.dataBytes() / MIB, sample.heapAfterGcBytes() / MIB, sample.threads(), sample.openFds());
    }
}
