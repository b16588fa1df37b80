package io.mqpool.engine.store;

/** A job that a write made finish, and how it ended. */
public record FinishedJob(String jobId, JobState state) {
}
