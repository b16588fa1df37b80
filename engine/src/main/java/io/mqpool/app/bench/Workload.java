package io.mqpool.app.bench;

import java.util.List;

/** One workload of {@code mqpool bench}: it starts what it needs, measures, and stops it again. */
interface Workload {

    /** The name users pass on the command line. */
    String name();

    /**
     * Runs the workload {@code sizes.runs()} times on fresh engines.
     *
     * @param store where the engines keep their jobs: each engine gets a fresh one
     * @param progress told, in a few words, what is running now
     */
    List<Measurement> run(BenchSizes sizes, BenchStore store, Progress progress) throws Exception;

    /** Where a long bench tells the user what it is doing. */
    @FunctionalInterface
    interface Progress {
        void note(String what);
    }
}
