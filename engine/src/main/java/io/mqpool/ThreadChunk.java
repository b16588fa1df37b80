package io.mqpool;

import java.util.Arrays;
import java.util.List;

/**
 * One chunk of a job on threads: its arguments as JSON, and its tasks' outcomes as they come.
 * The tasks of a chunk run in order on one thread, unless one runs past its task timeout: the
 * rest then move on to another thread (see {@link ChunkPart}). Thread-safe.
 */
final class ThreadChunk {

    private final ThreadJob job;
    private final int chunkNo;
    private final long firstIndex;
    private final List<String> args;
    /** Guarded by this. */
    private final Outcome<?>[] outcomes;
    /** Guarded by this. */
    private int missing;

    ThreadChunk(ThreadJob job, int chunkNo, long firstIndex, List<String> args) {
        this.job = job;
        this.chunkNo = chunkNo;
        this.firstIndex = firstIndex;
        this.args = args;
        this.outcomes = new Outcome<?>[args.size()];
        this.missing = args.size();
    }

    ThreadJob job() {
        return job;
    }

    int chunkNo() {
        return chunkNo;
    }

    int size() {
        return args.size();
    }

    /** The index in the job's input of the task at {@code position}. */
    long index(int position) {
        return firstIndex + position;
    }

    /** The argument of the task at {@code position}, as JSON text. */
    String arg(int position) {
        return args.get(position);
    }

    /**
     * Records the outcome of the task at {@code position}; the first one recorded stands.
     *
     * @return whether it was the chunk's last missing outcome
     */
    synchronized boolean record(int position, Outcome<Object> outcome) {
        if (outcomes[position] != null) {
            return false;
        }
        outcomes[position] = outcome;
        return --missing == 0;
    }

    /** Every outcome, in index order; complete once {@link #record} said so. */
    @SuppressWarnings("unchecked")
    synchronized List<Outcome<Object>> outcomes() {
        return Arrays.asList((Outcome<Object>[]) outcomes.clone());
    }
}
