package io.mqpool.bench;

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

    @Override
    public String name() {
        return "trivial";
    }

    @Override
    public List<Measurement> run(BenchSizes sizes, Progress progress) {
        List<Double> byDefault = new ArrayList<>();
        List<Double> oneByOne = new ArrayList<>();
        try (Pool pool = Pool.create(sizes.workers())) {
            progress.note("warming up");
            // One unmeasured run of each: the JIT of three JVMs (engine, broker and workers) takes
            // tens of thousands of chunks to settle, and a pool is meant to be reused warm.
            mapped(pool, sizes.tasks(), JobOptions.defaults());
            mapped(pool, sizes.chunksize1Tasks(), JobOptions.defaults().withChunksize(1));
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
