package io.mqpool.app.bench;

/**
 * How big each workload is. {@link #standard()} is what the README's figures use; {@link #tiny()}
 * only proves that every workload runs.
 *
 * @param runs measured runs of each workload (the table shows their median and range)
 * @param workers worker processes of the pools measured (one per core by default)
 * @param tasks trivial tasks mapped with the default chunksize
 * @param chunksize1Tasks trivial tasks mapped with chunksize 1
 * @param latencyCalls sequential {@code apply} calls of one latency run
 * @param cpuTasks CPU-bound tasks of the cpu workload
 * @param cpuMillis how long each of them computes
 * @param sleepRounds whether the sleep and demo workloads run (fixed lengths: about 12 s and 50 s a
 *     run)
 * @param memoryTasks tasks of the memory workload's {@code imapUnordered}
 * @param memoryChunksize their chunksize
 * @param recoveryTasks tasks of the job the recovery workload kills the server under: enough for the
 *     job to run a few seconds, so that the kill lands mid-job
 * @param stateIncrements shared-counter increments of one state run, split between 2 workers
 * @param fairness the mix of big and one-task jobs of the fairness workload
 */
public record BenchSizes(int runs, int workers, int tasks, int chunksize1Tasks, int latencyCalls,
                         int cpuTasks, int cpuMillis, boolean sleepRounds, int memoryTasks,
                         int memoryChunksize, int recoveryTasks, int stateIncrements, FairnessMix fairness) {

    /**
     * Big jobs and one-task jobs submitted together to one engine.
     *
     * @param bigJobs jobs of {@code bigTasks} tasks of {@code bigTaskMillis} each, at {@code bigChunksize}
     * @param smallJobs one-task jobs, submitted one every {@code smallEveryMillis} once the big ones are
     */
    public record FairnessMix(int bigJobs, int bigTasks, int bigTaskMillis, int bigChunksize, int smallJobs,
                              int smallEveryMillis) {
    }

    public static BenchSizes standard() {
        return new BenchSizes(3, Runtime.getRuntime().availableProcessors(), 100_000, 100_000, 2_000,
                64, 50, true, 1_000_000, 1_000, 20_000, 10_000, new FairnessMix(16, 2_500, 1, 10, 300, 10));
    }

    public static BenchSizes tiny() {
        return new BenchSizes(2, 2, 2_000, 200, 50, 4, 20, false, 5_000, 100, 4_000, 400,
                new FairnessMix(2, 200, 1, 10, 20, 10));
    }

    public BenchSizes withRuns(int value) {
        return new BenchSizes(value, workers, tasks, chunksize1Tasks, latencyCalls, cpuTasks, cpuMillis,
                sleepRounds, memoryTasks, memoryChunksize, recoveryTasks, stateIncrements, fairness);
    }
}
