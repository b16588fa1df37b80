package io.mqpool.app.bench;

import io.mqpool.JobOptions;
import io.mqpool.Pool;
import io.mqpool.ResultSequence;
import io.mqpool.config.StoreSettings;
import io.mqpool.jobs.builtin.Square;
import java.util.Locale;
import java.util.stream.LongStream;

/**
 * The memory workload's child JVM, started with a capped heap so the cap binds the engine alone:
 * one {@code imapUnordered} of n → n² over a lazy input, counted and summed. Prints one line,
 * {@code mqpool-memory seconds=S peak-mb=MB count=N}, and exits 0; or prints the error and exits 1.
 *
 * <p>Arguments: tasks, chunksize, workers, then the store's URL, user and password file
 * ({@code -} for none, as {@link ScratchStore#arguments()} writes them).
 */
final class MemoryProbe {

    static final String LINE_PREFIX = "mqpool-memory ";

    private MemoryProbe() {
    }

    public static void main(String[] args) {
        try {
            if (args.length != 6) {
                throw new IllegalArgumentException("usage: MemoryProbe TASKS CHUNKSIZE WORKERS STORE-URL STORE-USER "
                        + "STORE-PASSWORD-FILE, got " + String.join(" ", args));
            }
            StoreSettings store = ScratchStore.fromArguments(args[3], args[4], args[5]);
            System.out.println(run(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    store));
            System.out.flush();
            // The exit code is the probe's answer; exiting outright also keeps a lingering thread
            // from holding the JVM.
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static String run(int tasks, int chunksize, int workers, StoreSettings store) {
        // Lazy: the point is that neither the input nor the results are ever all in memory.
        Iterable<Long> input = () -> LongStream.range(0, tasks).iterator();
        long count = 0;
        long sum = 0;
        long nextTenth = Math.max(1, tasks / 10);
        try (HeapSampler heap = HeapSampler.start(); Pool pool = ScratchStore.builder(store).workers(workers).build()) {
            Timer timer = Timer.start();
            try (ResultSequence<Long> results = pool.imapUnordered(Square.class, input,
                    JobOptions.defaults().withChunksize(chunksize))) {
                for (long square : results) {
                    count++;
                    sum += square;
                    if (count % nextTenth == 0) {
                        heap.sample();
                    }
                }
            }
            double seconds = timer.seconds();
            heap.sample();
            check(tasks, count, sum);
            return String.format(Locale.ROOT, LINE_PREFIX + "seconds=%.3f peak-mb=%.1f count=%d", seconds,
                    heap.peakMegabytes(), count);
        }
    }

    /** The sum wraps at 2^64 on both sides alike, so it is exact whatever the size. */
    private static void check(int tasks, long count, long sum) {
        long expected = 0;
        for (long n = 0; n < tasks; n++) {
            expected += n * n;
        }
        if (count != tasks || sum != expected) {
            throw new IllegalStateException("imapUnordered of " + tasks + " squares handed back " + count
                    + " results summing to " + sum + ", not " + tasks + " summing to " + expected);
        }
    }
}
