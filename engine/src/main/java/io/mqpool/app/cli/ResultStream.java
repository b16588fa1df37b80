package io.mqpool.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.app.client.ApiClient;
import io.mqpool.app.client.ResultOrder;
import java.time.Clock;
import java.time.Duration;

/**
 * Reads a job's results page by page from {@code GET /api/jobs/{id}/results}, printing each
 * page as it comes, so memory stays bounded however many results the job has. {@link #follow}
 * long-polls until the job ends, showing progress in between.
 */
final class ResultStream {

    static final int PAGE_SIZE = 500;
    /** The least time between two job look-ups for the progress display. */
    private static final Duration MIN_REFRESH = Duration.ofMillis(250);

    private final ApiClient api;
    private final ResultPrinter printer;
    private final ProgressReporter progress;
    private final Clock clock;

    ResultStream(ApiClient api, ResultPrinter printer, ProgressReporter progress, Clock clock) {
        this.api = api;
        this.printer = printer;
        this.progress = progress;
        this.clock = clock;
    }

    /** Prints every result until the job has ended. Blocks until then. */
    JobEnd follow(String jobId, ResultOrder order) {
        long waitMs = progress.refreshInterval().toMillis();
        progress.show(view(jobId));
        long nextRefresh = clock.millis() + MIN_REFRESH.toMillis();
        String cursor = null;
        long failures = 0;
        while (true) {
            JsonNode page = api.results(jobId, order, cursor, PAGE_SIZE, waitMs);
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
        progress.finish(job);
        return new JobEnd(job, failures);
    }

    /** Prints the results recorded so far, without waiting for more. */
    JobEnd soFar(String jobId, ResultOrder order) {
        String cursor = null;
        long failures = 0;
        while (true) {
            JsonNode page = api.results(jobId, order, cursor, PAGE_SIZE, 0);
            failures += print(page);
            cursor = page.hasNonNull("next") ? page.get("next").asText() : cursor;
            // An empty page: nothing more is recorded yet (or, in input order, the next task's
            // outcome is still missing).
            if (page.path("done").asBoolean(false) || page.path("results").isEmpty()) {
                break;
            }
        }
        return new JobEnd(view(jobId), failures);
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
        }
        printer.flush();
        return failures;
    }

    private JobView view(String jobId) {
        return JobView.of(api.job(jobId), api.http().json());
    }
}
