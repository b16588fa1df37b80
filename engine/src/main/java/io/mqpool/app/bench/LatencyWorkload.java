package io.mqpool.app.bench;

import io.mqpool.Pool;
import io.mqpool.jobs.builtin.Square;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sequential {@code apply} round trips on a warm pool: submit, run, store, answer; and the same
 * on {@link Pool#threads}, where nothing is stored and what remains is two hand-offs between
 * threads.
 */
final class LatencyWorkload implements Workload {

    /** A round trip on threads is some 30 times quicker, so as many more calls take as long. */
    private static final int THREAD_CALLS_PER_PROCESS_CALL = 10;

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public List<Measurement> run(BenchSizes sizes, BenchStore store, Progress progress) {
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> threadsP50 = new ArrayList<>();
        List<Double> threadsP99 = new ArrayList<>();
        try (ScratchStore scratch = store.fresh(); Pool pool = scratch.pool(sizes.workers())) {
            progress.note("warming up");
            // One unmeasured run: the JIT of the engine, the broker and the workers settles first.
            roundTrips(pool, sizes.latencyCalls());
            for (int run = 1; run <= sizes.runs(); run++) {
                progress.note("run " + run + ": " + sizes.latencyCalls() + " apply calls");
                double[] millis = roundTrips(pool, sizes.latencyCalls());
                Arrays.sort(millis);
                p50.add(percentile(millis, 50));
                p99.add(percentile(millis, 99));
            }
        }
        int threadCalls = sizes.latencyCalls() * THREAD_CALLS_PER_PROCESS_CALL;
        try (Pool pool = Pool.threads(sizes.workers())) {
            progress.note("warming up Pool.threads");
            roundTrips(pool, threadCalls);
            for (int run = 1; run <= sizes.runs(); run++) {
                progress.note("run " + run + ": " + threadCalls + " apply calls on Pool.threads");
                double[] millis = roundTrips(pool, threadCalls);
                Arrays.sort(millis);
                threadsP50.add(percentile(millis, 50) * 1_000);
                threadsP99.add(percentile(millis, 99) * 1_000);
            }
        }
        return List.of(
                new Measurement("latency.p50", "apply round trip, p50", "ms", false, p50),
                new Measurement("latency.p99", "apply round trip, p99", "ms", false, p99),
                new Measurement("latency.threads.p50", "apply round trip on threads, p50", "µs", false, threadsP50),
                new Measurement("latency.threads.p99", "apply round trip on threads, p99", "µs", false, threadsP99));
    }

    private static double[] roundTrips(Pool pool, int calls) {
        double[] millis = new double[calls];
        for (int i = 0; i < calls; i++) {
            Timer timer = Timer.start();
            long square = pool.apply(Square.class, (long) i);
            millis[i] = timer.millis();
            if (square != (long) i * i) {
                throw new IllegalStateException("square of " + i + " came back as " + square);
            }
        }
        return millis;
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
