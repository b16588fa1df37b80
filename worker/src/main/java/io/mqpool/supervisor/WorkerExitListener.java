package io.mqpool.supervisor;

/** Told of every worker process that exits, for whatever reason. */
@FunctionalInterface
public interface WorkerExitListener {

    /** The process {@code pid} of worker {@code workerId} exited; called on its exit thread. Must not block. */
    void exited(String workerId, long pid);
}
