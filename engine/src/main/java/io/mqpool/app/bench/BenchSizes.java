package io.mqpool.app.bench;

import io.mqpool.config.Durations;
import java.time.Duration;
import java.util.Objects;

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
 * @param soak the stream of jobs of the soak workload, which runs only on request
 */
public record BenchSizes(int runs, int workers, int tasks, int chunksize1Tasks, int latencyCalls,
                         int cpuTasks, int cpuMillis, boolean sleepRounds, int memoryTasks,
                         int memoryChunksize, int recoveryTasks, int stateIncrements, FairnessMix fairness,
                         SoakMix soak) {

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
                64, 50, true, 1_000_000, 1_000, 20_000, 10_000, new FairnessMix(16, 2_500, 1, 10, 300, 10),
                new SoakMix(Duration.ofMinutes(30), Duration.ofMinutes(5), 8, 50_000, Duration.ofSeconds(9), 10,
                        Duration.ofMinutes(3), Duration.ofSeconds(10)));
    }

    public static BenchSizes tiny() {
        return new BenchSizes(2, 2, 2_000, 200, 50, 4, 20, false, 5_000, 100, 4_000, 400,
                new FairnessMix(2, 200, 1, 10, 20, 10),
                new SoakMix(Duration.ofSeconds(40), Duration.ofSeconds(10), 3, 2_000, Duration.ofSeconds(1), 10,
                        Duration.ofSeconds(10), Duration.ofSeconds(2)));
    }

    public BenchSizes withRuns(int value) {
        return new BenchSizes(value, workers, tasks, chunksize1Tasks, latencyCalls, cpuTasks, cpuMillis,
                sleepRounds, memoryTasks, memoryChunksize, recoveryTasks, stateIncrements, fairness, soak);
    }

    /**
     * The same sizes with a soak of {@code duration}; see {@link SoakMix#withDuration}.
     *
     * @throws IllegalArgumentException with one line for the user if it is too short
     */
    public BenchSizes withSoakDuration(Duration duration) {
        return new BenchSizes(runs, workers, tasks, chunksize1Tasks, latencyCalls, cpuTasks, cpuMillis,
                sleepRounds, memoryTasks, memoryChunksize, recoveryTasks, stateIncrements, fairness,
                soak.withDuration(duration));
    }

    /**
     * A stream of jobs from several clients to a real server that deletes finished jobs after
     * {@code retention}. Each client starts a big job every {@code clients × bigEvery}, the
     * clients staggered by {@code bigEvery}, so that the server sees one every {@code bigEvery};
     * a client that falls behind starts its next one at once. Its one-task jobs are spread over
     * the same cycle.
     *
     * @param duration how long the clients start jobs; those still running then are awaited
     * @param window the first and the last stretch of the duration, whose figures are compared
     * @param clients concurrent clients, one thread each
     * @param bigTasks tasks of a big job: {@code square} over {@code 0..bigTasks-1}, default chunksize
     * @param bigEvery how often a big job starts, over all the clients
     * @param smallPerBig one-task jobs a client submits for each big job
     * @param retention the server's {@code jobs.retention}
     * @param sampleInterval how often the server and its data directory are measured
     */
    public record SoakMix(Duration duration, Duration window, int clients, int bigTasks, Duration bigEvery,
                          int smallPerBig, Duration retention, Duration sampleInterval) {

        public SoakMix {
            for (Duration d : new Duration[] {duration, window, bigEvery, retention, sampleInterval}) {
                Objects.requireNonNull(d, "a soak's durations");
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("a soak's durations must be positive, got " + d);
                }
            }
            if (clients < 1 || bigTasks < 1 || smallPerBig < 0) {
                throw new IllegalArgumentException("a soak needs a client and big jobs of a task at least, got "
                        + clients + " clients, " + bigTasks + " tasks, " + smallPerBig + " one-task jobs each");
            }
            if (window.compareTo(sampleInterval.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("a soak's window of " + Durations.forPeople(window)
                        + " must hold two samples " + Durations.forPeople(sampleInterval) + " apart");
            }
            if (retention.plus(window.multipliedBy(2)).compareTo(duration) > 0) {
                throw new IllegalArgumentException("a soak of " + Durations.forPeople(duration)
                        + " is too short for its retention of " + Durations.forPeople(retention)
                        + " and two windows of " + Durations.forPeople(window));
            }
        }

        /**
         * When the data directory is compared with its end: after the first retention period,
         * and a window later for the sweeps.
         */
        public Duration settledAt() {
            return retention.plus(window);
        }

        /**
         * The same stream for {@code value}: the windows shrink to a quarter of it when they
         * would be longer, down to a whole number of sample intervals so that their edges fall
         * on samples; the pace and the retention stay.
         *
         * @throws IllegalArgumentException saying the shortest duration that fits the retention
         *     and two windows
         */
        public SoakMix withDuration(Duration value) {
            Duration shortest = shortest();
            if (value.compareTo(shortest) < 0) {
                throw new IllegalArgumentException("a soak lasts at least " + Durations.format(shortest)
                        + ": its retention of " + Durations.format(retention) + ", then a first and a last window "
                        + "apart; got " + Durations.format(value));
            }
            Duration quarter = sampleInterval.multipliedBy(value.dividedBy(4).dividedBy(sampleInterval));
            return new SoakMix(value, quarter.compareTo(window) < 0 ? quarter : window, clients, bigTasks, bigEvery,
                    smallPerBig, retention, sampleInterval);
        }

        /** The least d with retention + 2 × min(window, d / 4) ≤ d whose windows hold two samples. */
        private Duration shortest() {
            Duration fit = retention.compareTo(window.multipliedBy(2)) <= 0
                    ? retention.multipliedBy(2) : retention.plus(window.multipliedBy(2));
            Duration samples = sampleInterval.multipliedBy(8);
            return fit.compareTo(samples) < 0 ? samples : fit;
        }
    }
}
