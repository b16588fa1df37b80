package io.mqpool.app.bench;

import io.mqpool.Pool;
import io.mqpool.jobs.builtin.BurnCpu;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Pure CPU tasks, one after another in this JVM and then on a pool of one worker per core: the
 * speedup divided by the workers, 1.0 when every core is busy all the time and the pool costs
 * nothing.
 */
final class CpuWorkload implements Workload {

    /** Enough calls for the JIT to compile the burn loop before it is timed. */
    private static final int WARM_UP_CALLS = 5;
    /**
     * Unmeasured maps before the first measured one. The workers' JIT compiles the loop in the
     * first, but the engine's JIT keeps compiling for several more: measured on two cores, the
     * engine used 400 ms of CPU during the first map, 260 ms during the second and about 200
     * during the later ones, all taken from the workers.
     */
    private static final int WARM_UP_MAPS = 3;

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public List<Measurement> run(BenchSizes sizes, BenchStore store, Progress progress) {
        BurnCpu burn = new BurnCpu();
        int millis = sizes.cpuMillis();
        List<Double> efficiency = new ArrayList<>();
        try (ScratchStore scratch = store.fresh(); Pool pool = scratch.pool(sizes.workers())) {
            progress.note("warming up");
            long expected = burnHere(burn, millis);
            for (int i = 1; i < WARM_UP_CALLS; i++) {
                burnHere(burn, millis);
            }
            for (int i = 0; i < WARM_UP_MAPS; i++) {
                check(expected, pool.map(BurnCpu.class, Collections.nCopies(sizes.cpuTasks(), millis)));
            }
            for (int run = 1; run <= sizes.runs(); run++) {
                progress.note("run " + run + ": " + sizes.cpuTasks() + " tasks of ~" + millis
                        + " ms, in this JVM and then on " + sizes.workers() + " workers");
                Timer sequential = Timer.start();
                for (int i = 0; i < sizes.cpuTasks(); i++) {
                    check(expected, List.of(burnHere(burn, millis)));
                }
                double sequentialSeconds = sequential.seconds();
                Timer parallel = Timer.start();
                // The default chunksize, as a user's map gets it (Python's map does the same).
                List<Long> results = pool.map(BurnCpu.class, Collections.nCopies(sizes.cpuTasks(), millis));
                double parallelSeconds = parallel.seconds();
                check(expected, results);
                efficiency.add(sequentialSeconds / parallelSeconds / sizes.workers());
            }
        }
        return List.of(new Measurement("cpu.efficiency", "burn_cpu, speedup per worker", "speedup/cores", true,
                efficiency));
    }

    /** The task itself, called as a worker calls it; it never looks at its context. */
    private static long burnHere(BurnCpu burn, int millis) {
        return burn.call(millis, null);
    }

    /** The same work gives the same checksum, wherever it ran. */
    private static void check(long expected, List<Long> results) {
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) != expected) {
                throw new IllegalStateException("burn_cpu task " + i + " returned " + results.get(i)
                        + ", not the checksum " + expected + " this JVM computed");
            }
        }
    }
}
