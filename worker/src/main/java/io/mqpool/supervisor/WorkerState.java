package io.mqpool.supervisor;

/** Where a worker is in its life. */
public enum WorkerState {
    /** Launched, not yet ready. */
    STARTING,
    /** Ready: idle or running a chunk. */
    RUNNING,
    /** Told to finish its current chunk and exit. */
    DRAINING,
    /** Died unexpectedly; a new process is scheduled or starting. */
    RESTARTING,
    /** Gone for good: closed, or given up on after repeated start failures. */
    STOPPED
}
