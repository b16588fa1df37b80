package io.mqpool.app.bench;

import io.mqpool.app.bench.BenchSizes.SoakMix;
import io.mqpool.config.Durations;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One of the soak's clients: a cycle of one big job and its one-task jobs every
 * {@code clients × bigEvery}, the first cycle {@code (index + ½) × bigEvery} after the start,
 * until the soak stops. Each job's results are read as they come and checked once it ends; the
 * big job is read between the one-task jobs, so that it is checked soon after it ends, long
 * before its retention deletes it. A job still running when the soak stops is read to its end.
 */
final class SoakClient {

    /** How long a job still running when the soak stops, or a one-task job, may take to end. */
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    private static final long LONG_POLL_MS = 1_000;

    private final int index;
    private final JobPolling api;
    private final SoakMix mix;
    private final long startNanos;
    private final CountDownLatch stop;
    private final SoakJobs jobs;
    private long smallSubmitted;

    /**
     * @param startNanos when the soak started ({@link System#nanoTime})
     * @param stop counted down when the soak stops: no job is started after it
     */
    SoakClient(int index, JobPolling api, SoakMix mix, long startNanos, CountDownLatch stop, SoakJobs jobs) {
        this.index = index;
        this.api = api;
        this.mix = mix;
        this.startNanos = startNanos;
        this.stop = stop;
        this.jobs = jobs;
    }

    /**
     * Runs cycles until the soak stops or its duration ends. Blocks.
     *
     * @throws IllegalStateException naming the job whose outcomes are wrong, missing or late
     */
    void run() throws InterruptedException {
        long end = startNanos + mix.duration().toNanos();
        long bigEvery = mix.bigEvery().toNanos();
        for (long cycle = 0; ; cycle++) {
            // Half a step in, so that windows a whole number of steps long hold as many starts each.
            long slot = startNanos + (index + cycle * mix.clients()) * bigEvery + bigEvery / 2;
            if (slot >= end || !waitUntil(slot)) {
                return;
            }
            cycle(slot);
        }
    }

    private void cycle(long slot) throws InterruptedException {
        long submitted = System.nanoTime();
        SquareJobCheck big = SquareJobCheck.submit(api, 0, mix.bigTasks());
        long cycleNanos = mix.clients() * mix.bigEvery().toNanos();
        for (int small = 0; small < mix.smallPerBig(); small++) {
            long due = slot + small * cycleNanos / mix.smallPerBig();
            if (!readUntil(big, submitted, due)) {
                break;
            }
            small();
        }
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (!big.read()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + big.jobId() + " of " + mix.bigTasks() + " tasks has not "
                        + "ended " + Durations.forPeople(DRAIN_TIMEOUT) + " after its last one-task job");
            }
            readBig(big, submitted, LONG_POLL_MS);
        }
    }

    /** Reads the big job until {@code due} or its end; false if the soak stopped first. */
    private boolean readUntil(SquareJobCheck big, long submitted, long due) throws InterruptedException {
        while (true) {
            long left = due - System.nanoTime();
            if (stop.getCount() == 0) {
                return false;
            }
            if (left <= 0) {
                return true;
            }
            if (big.read()) {
                return waitUntil(due);
            }
            readBig(big, submitted, Math.min(LONG_POLL_MS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
        }
    }

    private void readBig(SquareJobCheck big, long submitted, long waitMs) {
        if (big.readPage(waitMs)) {
            big.verify();
            jobs.bigChecked(new SoakJobs.BigJob((submitted - startNanos) / 1e9, (System.nanoTime() - submitted) / 1e9));
        }
    }

    /** A one-task job on an input no other job of the soak has, read and checked at once. */
    private void small() {
        long input = mix.bigTasks() + index + mix.clients() * smallSubmitted++;
        long submitted = System.nanoTime();
        SquareJobCheck small = SquareJobCheck.submit(api, input, 1);
        long deadline = submitted + DRAIN_TIMEOUT.toNanos();
        while (!small.readPage(LONG_POLL_MS)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("one-task job " + small.jobId() + " has not ended within "
                        + Durations.forPeople(DRAIN_TIMEOUT));
            }
        }
        double millis = (System.nanoTime() - submitted) / 1e6;
        small.verify();
        jobs.smallChecked(millis);
    }

    /** Waits until {@code nanoTime}; false if the soak stopped first. */
    private boolean waitUntil(long nanoTime) throws InterruptedException {
        return !stop.await(nanoTime - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
}
