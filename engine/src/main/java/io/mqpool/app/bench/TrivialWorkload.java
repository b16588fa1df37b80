package io.mqpool.app.bench;

import io.mqpool.JobOptions;
import io.mqpool.Pool;
import io.mqpool.jobs.builtin.Square;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * {@code map} of n → n² over many tasks, where the cost is all overhead: with the default
 * chunksize, then with chunksize 1 (one message, one result and one row per task).
 */
final class TrivialWorkload implements Workload {

    private static final int WARM_UP_ROUNDS = 3;

    @Override
    public String name() {
        return "trivial";
    }

    @Override
    public List<Measurement> run(BenchSizes sizes, BenchStore store, Progress progress) {
        List<Double> byDefault = new ArrayList<>();
        List<Double> oneByOne = new ArrayList<>();
        try (ScratchStore scratch = store.fresh(); Pool pool = scratch.pool(sizes.workers())) {
            progress.note("warming up");
            // Unmeasured rounds first: a pool is meant to be reused warm, and the engine's JIT
            // (its own code, H2, Artemis and Netty on one C2 thread) takes a few hundred thousand
            // chunks to settle under this load. Measured on two cores, successive rounds of
            // 100,000 at chunksize 1 ran at 4,200, 7,000, 8,600 and 11,400 tasks/s, with the
            // engine's CPU per round falling from 33 to 13 s.
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                mapped(pool, sizes.tasks(), JobOptions.defaults());
                mapped(pool, sizes.chunksize1Tasks(), JobOptions.defaults().withChunksize(1));
            }
            for (int run = 1; run <= sizes.runs(); run++) {
                progress.note("run " + run + ": " + sizes.tasks() + " tasks, default chunksize");
                byDefault.add(mapped(pool, sizes.tasks(), JobOptions.defaults()));
                progress.note("run " + run + ": " + sizes.chunksize1Tasks() + " tasks, chunksize 1");
                oneByOne.add(mapped(pool, sizes.chunksize1Tasks(), JobOptions.defaults().withChunksize(1)));
            }
        }
        return List.of(
                new Measurement("trivial.default", "map n→n², default chunksize", "tasks/s", true, byDefault),
                new Measurement("trivial.chunksize1", "map n→n², chunksize 1", "tasks/s", true, oneByOne));
    }

    /** Maps {@code tasks} squares, checks every result, and returns tasks per second. */
    private static double mapped(Pool pool, int tasks, JobOptions options) {
        List<Long> input = LongStream.range(0, tasks).boxed().toList();
        Timer timer = Timer.start();
        List<Long> squares = pool.map(Square.class, input, options);
        double seconds = timer.seconds();
        for (int i = 0; i < tasks; i++) {
            if (squares.get(i) != (long) i * i) {
                throw new IllegalStateException("square of " + i + " came back as " + squares.get(i));
            }
        }
        return tasks / seconds;
    }
}
