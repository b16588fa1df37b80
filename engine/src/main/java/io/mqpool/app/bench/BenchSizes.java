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
 * @param sleepRounds whether the sleep workload runs (it takes about 12 s a run)
 * @param memoryTasks tasks of the memory workload's {@code imapUnordered}
 * @param memoryChunksize their chunksize
 * @param recoveryTasks tasks of the job the recovery workload kills the server under: enough for the
 *     job to run a few seconds, so that the kill lands mid-job
 * @param stateIncrements shared-counter increments of one state run, split between 2 workers
 */
public record BenchSizes(int runs, int workers, int tasks, int chunksize1Tasks, int latencyCalls,
                         int cpuTasks, int cpuMillis, boolean sleepRounds, int memoryTasks,
                         int memoryChunksize, int recoveryTasks, int stateIncrements) {

    public static BenchSizes standard() {
        return new BenchSizes(3, Runtime.getRuntime().availableProcessors(), 100_000, 100_000, 2_000,
                64, 50, true, 1_000_000, 1_000, 20_000, 10_000);
    }

    public static BenchSizes tiny() {
        return new BenchSizes(2, 2, 2_000, 200, 50, 4, 20, false, 5_000, 100, 4_000, 400);
    }

    public BenchSizes withRuns(int value) {
        return new BenchSizes(value, workers, tasks, chunksize1Tasks, latencyCalls, cpuTasks, cpuMillis,
                sleepRounds, memoryTasks, memoryChunksize, recoveryTasks, stateIncrements);
    }
}
