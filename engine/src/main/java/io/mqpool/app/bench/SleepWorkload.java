package io.mqpool.app.bench;

import io.mqpool.JobOptions;
import io.mqpool.Pool;
import io.mqpool.jobs.builtin.ComputeSquare;
import io.mqpool.jobs.builtin.Square;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The seed's demo: {@code compute_square} sleeps 2 s a task, so 8 tasks on 8 workers take 2 s
 * and 16 on 4 take 8 s when the pool adds nothing. About 12 s a run, hence {@link BenchSizes#sleepRounds()}.
 */
final class SleepWorkload implements Workload {

    @Override
    public String name() {
        return "sleep";
    }

    @Override
    public List<Measurement> run(BenchSizes sizes, BenchStore store, Progress progress) {
        if (!sizes.sleepRounds()) {
            progress.note("skipped at these sizes");
            return List.of();
        }
        return List.of(
                new Measurement("sleep.8on8", "compute_square 1..8 on 8 workers (ideal 2 s)", "s", false,
                        wallSeconds(store, 8, 8, sizes.runs(), progress)),
                new Measurement("sleep.16on4", "compute_square 1..16 on 4 workers (ideal 8 s)", "s", false,
                        wallSeconds(store, 4, 16, sizes.runs(), progress)));
    }

    private static List<Double> wallSeconds(BenchStore store, int workers, int tasks, int runs, Progress progress) {
        List<Double> seconds = new ArrayList<>();
        try (ScratchStore scratch = store.fresh(); Pool pool = scratch.pool(workers)) {
            progress.note("warming up " + workers + " workers");
            pool.map(Square.class, LongStream.range(0, workers).boxed().toList(),
                    JobOptions.defaults().withChunksize(1));
            List<Integer> input = IntStream.rangeClosed(1, tasks).boxed().toList();
            for (int run = 1; run <= runs; run++) {
                progress.note("run " + run + ": compute_square 1.." + tasks + " on " + workers + " workers");
                Timer timer = Timer.start();
                List<String> results = pool.map(ComputeSquare.class, input);
                seconds.add(timer.seconds());
                check(input, results);
            }
        }
        return seconds;
    }

    private static void check(List<Integer> input, List<String> results) {
        for (int i = 0; i < input.size(); i++) {
            int n = input.get(i);
            String expected = n + " squared is " + n * n;
            if (!expected.equals(results.get(i))) {
                throw new IllegalStateException("compute_square of " + n + " came back as '" + results.get(i)
                        + "', not '" + expected + "'");
            }
        }
    }
}
