package io.mqpool.server.web;

import java.util.List;

/**
 * {@code POST /api/jobs/retry-failed}: the new jobs, and the jobs that made none and why.
 *
 * @param jobs one new job per retried job, in the order asked
 */
record RetryAnswer(List<JobView> jobs, List<Skipped> skipped) {

    /** A job that was not retried: unknown, still running, or without a failed task. */
    record Skipped(String id, String reason) {
    }
}
