package io.mqpool.app.cli;

import io.mqpool.Pool;
import io.mqpool.jobs.builtin.ComputeSquare;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The seed's example, {@code process_pools.py}: {@code compute_square} (2 s a task) over 1..8
 * on one worker per core, then over 1..16 on 4 workers, with wall times against the
 * sequential time and the same work on plain threads.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs compute_square over 1..8 on all cores and 1..16 on 4 workers, with timings.",
        footer = {"", "Example:", "  mqpool demo"})
final class DemoCommand implements Callable<Integer> {

    private static final int LIMITED_WORKERS = 4;
    private static final Duration TASK_TIME = Duration.ofSeconds(2);

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int cores = Pool.cpuCount();

        out.println("Executing with all available CPU cores: " + cores);
        out.flush();
        List<Integer> eight = range(8);
        runOnPool(cores, eight, "Results with all cores:", out);

        out.println("Executing with limited CPU cores: " + LIMITED_WORKERS + " out of " + cores);
        out.flush();
        List<Integer> sixteen = range(16);
        runOnPool(LIMITED_WORKERS, sixteen, "Results with limited cores:", out);

        out.println("For comparison, the same work on threads in one JVM:");
        Duration threads8 = timed(() -> runOnThreads(cores, eight));
        out.printf("  1..8 on %d threads: %s%n", cores, seconds(threads8.toNanos()));
        Duration threads16 = timed(() -> runOnThreads(LIMITED_WORKERS, sixteen));
        out.printf("  1..16 on %d threads: %s%n", LIMITED_WORKERS, seconds(threads16.toNanos()));
        out.flush();
        return ExitCodes.DONE;
    }

    /** Runs one block of the seed and prints its results, then its timings. */
    private static void runOnPool(int workers, List<Integer> inputs, String heading, PrintWriter out) {
        long start = System.nanoTime();
        Pool pool = Pool.create(workers);
        long started = System.nanoTime();
        List<String> results;
        try {
            results = pool.map(ComputeSquare.class, inputs);
        } catch (RuntimeException e) {
            pool.terminate();
            throw e;
        }
        long mapped = System.nanoTime();
        pool.close();
        long closed = System.nanoTime();
        out.println(heading);
        results.forEach(out::println);
        Duration sequential = TASK_TIME.multipliedBy(inputs.size());
        out.printf("Wall time: %s = %s starting the pool + %s map + %s closing it (sequential: %d s; "
                        + "the map alone is %.1fx faster)%n",
                seconds(closed - start), seconds(started - start), seconds(mapped - started),
                seconds(closed - mapped), sequential.toSeconds(), (double) sequential.toNanos() / (mapped - started));
        out.flush();
    }

    private static void runOnThreads(int threads, List<Integer> inputs) throws Exception {
        ComputeSquare task = new ComputeSquare();
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "mqpool-demo-thread");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<String>> futures = executor.invokeAll(inputs.stream()
                    .map(n -> (Callable<String>) () -> task.call(n, null)).toList());
            for (Future<String> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("compute_square failed on a thread: " + e.getCause(), e.getCause());
        } finally {
            executor.shutdownNow();
        }
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
