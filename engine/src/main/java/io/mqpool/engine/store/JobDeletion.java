package io.mqpool.engine.store;

/** What {@link JobStore#delete} did. */
public enum JobDeletion {
    /** The job and everything of it are gone. */
    DELETED,
    /** The job is still running and was left alone. */
    RUNNING,
    /** There is no such job. */
    UNKNOWN
}
