package io.mqpool.app.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One job of {@code square} over {@code from..from+tasks-1}, its results read page by page in input
 * order as they come and checked: it must end COMPLETED with exactly one outcome per task, each
 * the square of its input. What a soak client does with every job it submits.
 */
final class SquareJobCheck {

    static final String TASK = "square";

    private final JobPolling api;
    private final String jobId;
    private final long tasks;
    private final ResultTally tally;
    private String cursor;
    private boolean read;

    private SquareJobCheck(JobPolling api, String jobId, long from, long tasks) {
        this.api = api;
        this.jobId = jobId;
        this.tasks = tasks;
        this.tally = new ResultTally(tasks, index -> (from + index) * (from + index));
    }

    /** Submits the job at the default chunksize; blocks for the request. */
    static SquareJobCheck submit(JobPolling api, long from, long tasks) {
        return new SquareJobCheck(api, api.submit(TASK, from, from + tasks - 1), from, tasks);
    }

    String jobId() {
        return jobId;
    }

    /** Whether the last page has been read. */
    boolean read() {
        return read;
    }

    /**
     * Reads the next page; while the job runs and nothing new is there, the server waits up to
     * {@code waitMs} for it. Blocks for the request.
     *
     * @return whether that was the last page
     * @throws IllegalStateException naming the job if the server lists an index outside it
     */
    boolean readPage(long waitMs) {
        JsonNode page = api.results(jobId, cursor, waitMs);
        try {
            for (JsonNode result : page.get("results")) {
                JsonNode value = result.get("value");
                Long square = value != null && value.isIntegralNumber() ? value.asLong() : null;
                tally.add(result.get("index").asLong(), square);
            }
        } catch (IllegalStateException e) {
            throw new IllegalStateException("job " + jobId + ": " + e.getMessage(), e);
        }
        if (page.hasNonNull("next")) {
            cursor = page.get("next").asText();
        }
        read = page.path("done").asBoolean(false);
        return read;
    }

    /**
     * Checks what was read against what the job should have given, once its last page is read.
     *
     * @throws IllegalStateException naming the job, its state and what is missing, wrong or twice
     */
    void verify() {
        if (!read) {
            throw new IllegalStateException("job " + jobId + ": its results are not all read yet");
        }
        JobPolling.JobStatus status = api.job(jobId);
        if (!status.state().equals("COMPLETED") || status.total() != tasks || status.done() != tasks
                || tally.lost() != 0 || tally.duplicated() != 0 || tally.results() != tasks) {
            throw new IllegalStateException("job " + jobId + " of " + tasks + " " + TASK + " tasks ended "
                    + status.state() + " with " + status.done() + " of " + status.total() + " done; of the "
                    + tally.results() + " outcomes listed, " + tally.lost() + " tasks had no right square and "
                    + tally.duplicated() + " were listed twice");
        }
    }
}
