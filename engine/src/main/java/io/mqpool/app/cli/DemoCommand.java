package io.mqpool.app.cli;

import io.mqpool.JobOptions;
import io.mqpool.Pool;
import io.mqpool.jobs.Task;
import io.mqpool.jobs.builtin.BurnCpu;
import io.mqpool.jobs.builtin.ComputeSquare;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The seed's example, {@code process_pools.py}: {@code compute_square} (2 s a task) over 1..8
 * on one worker per core, then over 1..16 on 4 workers, with wall times against the
 * sequential time; then the seed's comparison of processes with threads, for that sleeping
 * task and for a CPU-bound one ({@code burn_cpu}), the same work on {@code Pool.threads}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs compute_square over 1..8 on all cores and 1..16 on 4 workers, with timings, "
                + "then the same work and a CPU-bound one on threads and on processes.",
        footer = {"", "Example:", "  mqpool demo"})
final class DemoCommand implements Callable<Integer> {

    private static final int LIMITED_WORKERS = 4;
    private static final Duration TASK_TIME = Duration.ofSeconds(2);
    /** burn_cpu's argument: about 200 ms of computation on a current x86 core. */
    private static final int BURN_MILLIS = 200;
    /** burn_cpu tasks per core: about 1.5 s of wall time for each run, whatever the cores. */
    private static final int BURNS_PER_CORE = 8;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int cores = Pool.cpuCount();
        List<Integer> burns = Collections.nCopies(BURNS_PER_CORE * cores, BURN_MILLIS);

        out.println("Executing with all available CPU cores: " + cores);
        out.flush();
        List<Integer> eight = range(8);
        PoolRun allCores = runOnPool(cores, eight, burns, "Results with all cores:", out);

        out.println("Executing with limited CPU cores: " + LIMITED_WORKERS + " out of " + cores);
        out.flush();
        List<Integer> sixteen = range(16);
        PoolRun limited = runOnPool(LIMITED_WORKERS, sixteen, List.of(), "Results with limited cores:", out);

        out.println("For comparison, the same work on threads of this JVM (Pool.threads) and on worker processes "
                + "(Pool.create):");
        out.flush();
        Duration squares8 = onThreads(cores, ComputeSquare.class, eight);
        Duration squares16 = onThreads(LIMITED_WORKERS, ComputeSquare.class, sixteen);
        Duration burnt = onThreads(cores, BurnCpu.class, burns);
        Duration sequentialBurn = timed(() -> new BurnCpu().call(BURN_MILLIS, null)).multipliedBy(burns.size());
        String burnWork = "burn_cpu " + BURN_MILLIS + " x " + burns.size() + " (CPU only)";
        out.printf("  %-34s %10s %12s %12s%n", "work on N threads or processes", "threads", "processes", "sequential");
        row(out, "compute_square 1..8 (sleeps) on " + cores, squares8, allCores.map(),
                TASK_TIME.multipliedBy(eight.size()));
        row(out, "compute_square 1..16 (sleeps) on " + LIMITED_WORKERS, squares16, limited.map(),
                TASK_TIME.multipliedBy(sixteen.size()));
        row(out, burnWork + " on " + cores, burnt, allCores.burn(), sequentialBurn);
        out.println("  Tasks that sleep overlap alike on both. Tasks that compute do too: Java's threads run on every");
        out.println("  core at once, where Python's take turns under its GIL (what the seed's comparison shows), so");
        out.println("  worker processes buy crash isolation and durability here, not speed.");
        out.flush();
        return ExitCodes.DONE;
    }

    /**
     * Runs one block of the seed and prints its results, then its timings; then, before closing
     * the pool, the CPU-bound {@code burns} on the same workers, for the comparison.
     */
    private static PoolRun runOnPool(int workers, List<Integer> inputs, List<Integer> burns, String heading,
                                     PrintWriter out) throws Exception {
        long start = System.nanoTime();
        Pool pool = Pool.create(workers);
        long started = System.nanoTime();
        List<String> results;
        Duration burn;
        long mapped;
        try {
            results = pool.map(ComputeSquare.class, inputs);
            mapped = System.nanoTime();
            burn = timed(() -> pool.map(BurnCpu.class, burns, JobOptions.defaults().withChunksize(1)));
        } catch (RuntimeException e) {
            pool.terminate();
            throw e;
        }
        long closing = System.nanoTime();
        pool.close();
        long closed = System.nanoTime();
        out.println(heading);
        results.forEach(out::println);
        Duration sequential = TASK_TIME.multipliedBy(inputs.size());
        long wall = (started - start) + (mapped - started) + (closed - closing);
        out.printf("Wall time: %s = %s starting the pool + %s map + %s closing it (sequential: %d s; "
                        + "the map alone is %.1fx faster)%n",
                seconds(wall), seconds(started - start), seconds(mapped - started),
                seconds(closed - closing), sequential.toSeconds(), (double) sequential.toNanos() / (mapped - started));
        out.flush();
        return new PoolRun(Duration.ofNanos(mapped - started), burn);
    }

    /** How long {@code map} of {@code task} over {@code inputs} takes on a new pool of {@code threads} threads. */
    private static <R> Duration onThreads(int threads, Class<? extends Task<Integer, R>> task,
                                          List<Integer> inputs) throws Exception {
        try (Pool pool = Pool.threads(threads)) {
            return timed(() -> pool.map(task, inputs, JobOptions.defaults().withChunksize(1)));
        }
    }

    private static void row(PrintWriter out, String work, Duration threads, Duration processes, Duration sequential) {
        out.printf("  %-34s %10s %12s %12s%n", work, seconds(threads.toNanos()), seconds(processes.toNanos()),
                seconds(sequential.toNanos()));
    }

    /** The map of {@code compute_square} on a pool of processes, and of {@code burn_cpu} (zero if none). */
    private record PoolRun(Duration map, Duration burn) {
    }

    private static String seconds(long nanos) {
        return String.format("%.2f s", nanos / 1e9);
    }

    private static List<Integer> range(int to) {
        return IntStream.rangeClosed(1, to).boxed().toList();
    }

    private static Duration timed(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }
}
