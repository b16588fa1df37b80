package io.mqpool.app.bench;

import io.mqpool.JobOptions;
import io.mqpool.Pool;
import io.mqpool.jobs.builtin.CountUpMany;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shared-counter increments from tasks on 2 warm workers at once: each {@code addAndGet(1)} a
 * request to the engine and its answer, durable in H2 before the answer goes out. Measures each
 * increment's latency inside the task, and the rate of all of them together.
 */
final class StateWorkload implements Workload {

    private static final int WORKERS = 2;
    /**
     * Full rounds before the measured ones. The path of an increment (task, client, broker,
     * service, H2) is compiled by the JIT only after thousands of calls: measured after one
     * short round, the first run's p99 was 8.4 ms and the fourth to sixth runs' 1.2-1.9 ms.
     */
    private static final int WARM_UP_ROUNDS = 3;
    private static final String COUNTER = "bench.state";

    @Override
    public String name() {
        return "state";
    }

    @Override
    public List<Measurement> run(BenchSizes sizes, BenchStore store, Progress progress) {
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        int each = sizes.stateIncrements() / WORKERS;
        try (ScratchStore scratch = store.fresh(); Pool pool = scratch.pool(WORKERS)) {
            for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
                progress.note("warming up, round " + round + " of " + WARM_UP_ROUNDS);
                increments(pool, each);
            }
            for (int run = 1; run <= sizes.runs(); run++) {
                progress.note("run " + run + ": " + each * WORKERS + " increments from " + WORKERS + " workers");
                pool.counter(COUNTER).set(0);
                Timer timer = Timer.start();
                double[] millis = increments(pool, each);
                double seconds = timer.millis() / 1_000;
                long counted = pool.counter(COUNTER).get();
                if (counted != (long) each * WORKERS) {
                    throw new IllegalStateException(each * WORKERS + " increments counted " + counted);
                }
                Arrays.sort(millis);
                p50.add(LatencyWorkload.percentile(millis, 50));
                p99.add(LatencyWorkload.percentile(millis, 99));
                rate.add(counted / seconds);
            }
        }
        return List.of(
                new Measurement("state.p50", "counter increment from a task, p50", "ms", false, p50),
                new Measurement("state.p99", "counter increment from a task, p99", "ms", false, p99),
                new Measurement("state.rate", "counter increments, 2 workers", "increments/s", true, rate));
    }

    /** {@code each} increments from each worker at once; every increment's latency in ms. */
    private static double[] increments(Pool pool, int each) {
        List<CountUpMany.Args> tasks = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            tasks.add(new CountUpMany.Args(COUNTER, each));
        }
        List<List<Long>> micros = pool.map(CountUpMany.class, tasks, JobOptions.defaults().withChunksize(1));
        return micros.stream().flatMap(List::stream).mapToDouble(us -> us / 1_000.0).toArray();
    }
}
