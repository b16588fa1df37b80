package io.mqpool.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.app.client.ApiClient;
import io.mqpool.app.client.ResultOrder;
import java.net.URI;
import java.time.Duration;
import java.util.function.Predicate;

/** What the recovery and soak workloads ask a server, through the API's client: submit, poll, read results. */
final class JobPolling {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    private static final int RESULTS_PAGE = 10_000;

    /** A job as {@code GET /api/jobs/{id}} shows it. */
    record JobStatus(long done, long total, String state) {
        boolean finished() {
            return !state.equals("RUNNING");
        }
    }

    private final ApiClient api;

    JobPolling(URI server) {
        this.api = new ApiClient(server);
    }

    /** Submits a job over {@code from..to} (inclusive) and returns its id. */
    String submit(String task, long from, long to, int chunksize) {
        return api.submit(api.http().json().createObjectNode().put("task", task).put("range", from + ".." + to)
                .put("chunksize", chunksize)).get("id").asText();
    }

    /** Submits a job over {@code from..to} (inclusive) at the default chunksize and returns its id. */
    String submit(String task, long from, long to) {
        return api.submit(api.http().json().createObjectNode().put("task", task).put("range", from + ".." + to))
                .get("id").asText();
    }

    JobStatus job(String id) {
        JsonNode job = api.job(id);
        return new JobStatus(job.get("done").asLong(), job.path("total").asLong(-1), job.get("state").asText());
    }

    /**
     * Polls the job every 20 ms until {@code condition} holds.
     *
     * @throws IllegalStateException naming {@code what} if it does not hold within {@code timeout}
     */
    JobStatus awaitJob(String id, Predicate<JobStatus> condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobStatus status = job(id);
        while (!condition.test(status)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + id + " did not " + what + " within " + timeout
                        + "; it is " + status);
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
            status = job(id);
        }
        return status;
    }

    /**
     * One page of results in input order, from {@code after} (null for the first page).
     * Its {@code next} is the cursor of the following page; {@code done} is true on the last.
     */
    JsonNode results(String id, String after) {
        return results(id, after, 0);
    }

    /**
     * Like {@link #results(String, String)}; while the job runs and nothing new is there, the
     * server waits up to {@code waitMs} before it answers an empty page.
     */
    JsonNode results(String id, String after, long waitMs) {
        return api.results(id, ResultOrder.INPUT, after, RESULTS_PAGE, waitMs);
    }
}
