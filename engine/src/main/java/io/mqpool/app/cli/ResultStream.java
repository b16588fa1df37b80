package io.mqpool.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.app.client.ApiClient;
import io.mqpool.app.client.ResultOrder;
import java.time.Clock;
import java.time.Duration;

/**
 * Reads a job's results page by page from {@code GET /api/jobs/{id}/results}, printing each
 * page as it comes, so memory stays bounded however many results the job has. {@link #follow}
 * long-polls until the job ends, showing progress in between. With a {@link JobLog}, each
 * outcome also gets its line there, page by page.
 */
final class ResultStream {

    static final int PAGE_SIZE = 500;
    /** The least time between two job look-ups for the progress display. */
    private static final Duration MIN_REFRESH = Duration.ofMillis(250);

    private final ApiClient api;
    private final ResultPrinter printer;
    private final ProgressReporter progress;
    private final Clock clock;
    /** Null without {@code --joblog}. */
    private final JobLog jobLog;

    ResultStream(ApiClient api, ResultPrinter printer, ProgressReporter progress, Clock clock) {
        this(api, printer, progress, clock, null);
    }

    /** @param jobLog where each outcome's line goes too, or null */
    ResultStream(ApiClient api, ResultPrinter printer, ProgressReporter progress, Clock clock, JobLog jobLog) {
        this.api = api;
        this.printer = printer;
        this.progress = progress;
        this.clock = clock;
        this.jobLog = jobLog;
    }

    /** Prints every result until the job has ended. Blocks until then. */
    JobEnd follow(String jobId, ResultOrder order) {
        long waitMs = progress.refreshInterval().toMillis();
        progress.show(view(jobId));
        long nextRefresh = clock.millis() + MIN_REFRESH.toMillis();
        String cursor = null;
        long failures = 0;
        while (true) {
            JsonNode page = api.results(jobId, order, cursor, PAGE_SIZE, waitMs, jobLog != null);
            failures += print(page);
            cursor = page.hasNonNull("next") ? page.get("next").asText() : cursor;
            if (page.path("done").asBoolean(false)) {
                break;
            }
            if (progress.shown() && clock.millis() >= nextRefresh) {
                progress.show(view(jobId));
                nextRefresh = clock.millis() + MIN_REFRESH.toMillis();
            }
        }
        JobView job = view(jobId);
        logUnfinished(job);
        progress.finish(job);
        return new JobEnd(job, failures);
    }

    /** Prints the results recorded so far, without waiting for more. */
    JobEnd soFar(String jobId, ResultOrder order) {
        String cursor = null;
        long failures = 0;
        while (true) {
            JsonNode page = api.results(jobId, order, cursor, PAGE_SIZE, 0, jobLog != null);
            failures += print(page);
            cursor = page.hasNonNull("next") ? page.get("next").asText() : cursor;
            // An empty page: nothing more is recorded yet (or, in input order, the next task's
            // outcome is still missing).
            if (page.path("done").asBoolean(false) || page.path("results").isEmpty()) {
                break;
            }
        }
        JobView job = view(jobId);
        logUnfinished(job);
        return new JobEnd(job, failures);
    }

    /** The tasks of an ended job that never got an outcome: cancelled, in the job log. */
    private void logUnfinished(JobView job) {
        if (jobLog != null && job.ended() && job.total() != null) {
            jobLog.cancelledRest(job.total());
            jobLog.flush();
        }
    }

    private long print(JsonNode page) {
        JsonNode results = page.path("results");
        if (results.isEmpty()) {
            return 0;
        }
        progress.clear();
        long failures = 0;
        for (JsonNode outcome : results) {
            if (printer.print(outcome)) {
                failures++;
            }
            if (jobLog != null) {
                jobLog.write(outcome);
            }
        }
        printer.flush();
        if (jobLog != null) {
            jobLog.flush();
        }
        return failures;
    }

    private JobView view(String jobId) {
        return JobView.of(api.job(jobId), api.http().json());
    }
}
