package io.mqpool.server.web;

import java.util.List;

/**
 * {@code GET /api/jobs/{id}/stats}.
 *
 * @param throughput tasks finished per second (a job of up to 10 minutes), minute (up to a
 *     day) or hour, from the first finished chunk's interval to the last, empty ones included
 */
record JobStats(List<StatsResource.Bucket> throughput, Durations durations) {

    /**
     * How long tasks took: {@code counts[i]} tasks took at most {@code bucketsMs[i]} (and more
     * than the bound before); the last count, one more than there are bounds, took longer than
     * every bound. A task counts with its chunk's mean duration.
     */
    record Durations(List<Long> bucketsMs, List<Long> counts) {
    }
}
