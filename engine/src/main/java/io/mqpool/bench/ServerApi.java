package io.mqpool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** The few calls of a server's HTTP API that the recovery workload makes. */
final class ServerApi {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    private static final int RESULTS_PAGE = 10_000;

    /** A job as {@code GET /api/jobs/{id}} shows it. */
    record JobStatus(long done, long total, String state) {
        boolean finished() {
            return !state.equals("RUNNING");
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    ServerApi(URI base) {
        this.base = base;
    }

    /** Submits a job over {@code from..to} (inclusive) and returns its id. */
    String submit(String task, long from, long to, int chunksize) throws InterruptedException {
        String body = json.createObjectNode().put("task", task).put("range", from + ".." + to)
                .put("chunksize", chunksize).toString();
        return send(request("/api/jobs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), 201).get("id").asText();
    }

    JobStatus job(String id) throws InterruptedException {
        JsonNode job = get("/api/jobs/" + id);
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
    JsonNode results(String id, String after) throws InterruptedException {
        return get("/api/jobs/" + id + "/results?limit=" + RESULTS_PAGE + (after == null ? "" : "&after=" + after));
    }

    private JsonNode get(String path) throws InterruptedException {
        return send(request(path).GET().build(), 200);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
    }

    private JsonNode send(HttpRequest request, int expectedStatus) throws InterruptedException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        }
    }
}
