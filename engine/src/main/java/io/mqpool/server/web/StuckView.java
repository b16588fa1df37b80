package io.mqpool.server.web;

import io.mqpool.engine.StuckJob;
import java.time.Duration;
import java.time.Instant;

/**
 * A stuck job in {@code GET /api/status}.
 *
 * @param since ISO-8601: when its last progress was seen
 * @param noProgressMs how long it has had none
 * @param thresholdMs how long it may go without before it counts as stuck
 */
record StuckView(String id, String task, String since, long noProgressMs, long thresholdMs) {

    static StuckView of(StuckJob job, Instant now) {
        return new StuckView(job.jobId(), job.taskName(), job.since().toString(),
                Math.max(0, Duration.between(job.since(), now).toMillis()), job.threshold().toMillis());
    }
}
