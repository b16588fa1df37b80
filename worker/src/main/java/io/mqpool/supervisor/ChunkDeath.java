package io.mqpool.supervisor;

import java.util.Objects;

/**
 * How a worker that was running a chunk ended: killed for a task timeout, or died (killed from
 * outside, {@code Runtime.halt} in a task, out of memory).
 *
 * @param taskIndex the absolute index of the task it was running
 * @param timedOut whether the supervisor killed it because that task ran past its timeout
 * @param taskTimeoutMillis the chunk's task timeout, 0 for none
 * @param exit how the process ended: {@code signal N} when a signal ended it (exit code 128
 *     + N), else {@code code N}
 */
public record ChunkDeath(String jobId, int chunkNo, String workerId, long taskIndex,
                         boolean timedOut, long taskTimeoutMillis, String exit) {

    private static final int SIGNAL_BASE = 128;

    public ChunkDeath {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(exit, "exit");
    }

    /** The death of worker {@code workerId} while it was running {@code chunk}. */
    static ChunkDeath of(CurrentChunk chunk, String workerId, boolean timedOut, int exitCode) {
        return new ChunkDeath(chunk.jobId(), chunk.chunkNo(), workerId, chunk.taskIndex(),
                timedOut, chunk.taskTimeoutMillis(), describeExit(exitCode));
    }

    /** {@code signal 9} for exit code 137 (how the JVM reports a process a signal ended). */
    static String describeExit(int exitCode) {
        return exitCode > SIGNAL_BASE ? "signal " + (exitCode - SIGNAL_BASE) : "code " + exitCode;
    }
}
