package io.mqpool.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * A running job that has had no progress (no outcome recorded) for longer than its threshold.
 *
 * @param since when its last progress was seen (or when it was first seen running)
 * @param threshold {@code jobs.stuck-after}, or the job's task timeout when that is longer
 */
public record StuckJob(String jobId, String taskName, Instant since, Duration threshold) {
}
