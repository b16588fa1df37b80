package io.mqpool.app.bench;

import io.mqpool.AsyncResult;
import io.mqpool.JobOptions;
import io.mqpool.Pool;
import io.mqpool.jobs.builtin.SleepMillis;
import io.mqpool.jobs.builtin.Square;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A server shared by several people: big jobs of short tasks (1 ms, chunks of 10: the workers
 * are the bottleneck) keep hundreds of chunks queued each, and one-task jobs arrive meanwhile. Measures how long a one-task job takes from its submission to its
 * result, and the big jobs' throughput with those jobs among them and, on the same engine just
 * before, without them.
 */
final class FairnessWorkload implements Workload {

    private static final long SMALL_TIMEOUT_MINUTES = 10;

    @Override
    public String name() {
        return "fairness";
    }

    @Override
    public List<Measurement> run(BenchSizes sizes, BenchStore store, Progress progress) throws Exception {
        BenchSizes.FairnessMix mix = sizes.fairness();
        List<Double> smallP50 = new ArrayList<>();
        List<Double> smallP99 = new ArrayList<>();
        List<Double> bigAlone = new ArrayList<>();
        List<Double> bigMixed = new ArrayList<>();
        try (ScratchStore scratch = store.fresh(); Pool pool = scratch.pool(sizes.workers())) {
            progress.note("warming up");
            bigJobs(pool, mix, false, new ArrayList<>());
            for (int run = 1; run <= sizes.runs(); run++) {
                progress.note("run " + run + ": " + mix.bigJobs() + " jobs of " + mix.bigTasks() + " tasks alone");
                bigAlone.add(bigJobs(pool, mix, false, new ArrayList<>()));
                progress.note("run " + run + ": the same with " + mix.smallJobs() + " one-task jobs among them");
                List<Double> latencies = new ArrayList<>();
                bigMixed.add(bigJobs(pool, mix, true, latencies));
                List<Double> sorted = latencies.stream().sorted().toList();
                smallP50.add(sorted.get(sorted.size() / 2));
                smallP99.add(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)));
            }
        }
        return List.of(
                new Measurement("fairness.small.p50", "one-task job among big ones, submit to result, p50", "ms",
                        false, smallP50),
                new Measurement("fairness.small.p99", "the same, p99", "ms", false, smallP99),
                new Measurement("fairness.big.alone", mix.bigJobs() + " jobs of " + mix.bigTasks() + " tasks of "
                        + mix.bigTaskMillis() + " ms at chunksize " + mix.bigChunksize() + ", alone", "tasks/s", true,
                        bigAlone),
                new Measurement("fairness.big.mixed", "the same with " + mix.smallJobs() + " one-task jobs among them",
                        "tasks/s", true, bigMixed));
    }

    /**
     * Submits the big jobs and, {@code withSmall}, one-task jobs among them, whose times from
     * submission to result go to {@code smallLatencies}; waits for all and checks every result.
     *
     * @return the big jobs' tasks per second, from the first submission to the last big result
     */
    private static double bigJobs(Pool pool, BenchSizes.FairnessMix mix, boolean withSmall,
                                  List<Double> smallLatencies)
            throws Exception {
        List<Integer> input = Collections.nCopies(mix.bigTasks(), mix.bigTaskMillis());
        JobOptions options = JobOptions.defaults().withChunksize(mix.bigChunksize());
        Timer timer = Timer.start();
        List<AsyncResult<List<Integer>>> big = new ArrayList<>();
        for (int job = 0; job < mix.bigJobs(); job++) {
            big.add(pool.mapAsync(SleepMillis.class, input, options));
        }
        CountDownLatch smallDone = new CountDownLatch(withSmall ? mix.smallJobs() : 0);
        long[] submitted = new long[withSmall ? mix.smallJobs() : 0];
        long[] finished = new long[submitted.length];
        for (int i = 0; i < submitted.length; i++) {
            int small = i;
            submitted[small] = System.nanoTime();
            long expected = (long) small * small;
            pool.applyAsync(Square.class, (long) small).onSuccess(square -> {
                finished[small] = square == expected ? System.nanoTime() : -1;
                smallDone.countDown();
            }).onError(error -> {
                finished[small] = -1;
                smallDone.countDown();
            });
            Thread.sleep(mix.smallEveryMillis()); // the pace at which people submit, not a wait for anything
        }
        for (AsyncResult<List<Integer>> job : big) {
            if (!job.get().equals(input)) {
                throw new IllegalStateException("job " + job.jobId() + " came back with other results than its input");
            }
        }
        double seconds = timer.seconds();
        if (!smallDone.await(SMALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            throw new IllegalStateException("one-task jobs still unfinished after " + SMALL_TIMEOUT_MINUTES + " min");
        }
        for (int i = 0; i < submitted.length; i++) {
            if (finished[i] < 0) {
                throw new IllegalStateException("one-task job " + i + " failed or gave a wrong square");
            }
            smallLatencies.add((finished[i] - submitted[i]) / 1e6);
        }
        return (double) mix.bigJobs() * mix.bigTasks() / seconds;
    }
}
