package io.mqpool.app.bench;

import io.mqpool.Pool;
import io.mqpool.jobs.builtin.Square;
import java.util.ArrayList;
import java.util.List;

/** What a program pays to use a pool at all: create one, run one task, close it. */
final class StartupWorkload implements Workload {

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public List<Measurement> run(BenchSizes sizes, BenchStore store, Progress progress) {
        List<Double> millis = new ArrayList<>();
        for (int run = 1; run <= sizes.runs(); run++) {
            progress.note("run " + run + ": Pool.create(" + sizes.workers() + "), apply, close");
            long nine;
            // The store is made before the clock starts and removed after it stops: a PostgreSQL
            // database of its own is the bench's doing, not the pool's.
            try (ScratchStore scratch = store.fresh()) {
                Timer timer = Timer.start();
                try (Pool pool = scratch.pool(sizes.workers())) {
                    nine = pool.apply(Square.class, 3L);
                }
                millis.add(timer.millis());
            }
            if (nine != 9) {
                throw new IllegalStateException("square of 3 came back as " + nine);
            }
        }
        return List.of(new Measurement("startup", "Pool.create + apply + close", "ms", false, millis));
    }
}
