package io.mqpool.app.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The mqpool HTTP API as a client program uses it — the CLI, the bench, the tests — one method
 * per endpoint, answering the API's JSON as it came. Every call blocks for one request; the
 * long-poll of {@link #results} blocks up to its {@code waitMs} longer. Failures are one-line
 * exceptions (see {@link HttpJson}); an unknown job id is an {@link ApiRefusedException}
 * {@code no job 'x'} with status 404.
 */
public final class ApiClient {

    private final HttpJson http;

    public ApiClient(HttpJson http) {
        this.http = http;
    }

    /** A client of the server at {@code server}, reading JSON with {@link HttpJson#newMapper()}. */
    public ApiClient(URI server) {
        this(new HttpJson(server, HttpJson.newMapper()));
    }

    public HttpJson http() {
        return http;
    }

    /** {@code POST /api/jobs}: the new job's view. */
    public JsonNode submit(ObjectNode job) {
        return http.post("/api/jobs", job);
    }

    /** {@code GET /api/jobs/{id}}. */
    public JsonNode job(String id) {
        try {
            return http.get("/api/jobs/" + segment(id), Duration.ZERO);
        } catch (ApiRefusedException e) {
            throw unknownJob(id, e);
        }
    }

    /** {@code GET /api/jobs}, newest first; {@code state} and {@code before} may be null. */
    public JsonNode jobs(String state, int limit, String before) {
        StringBuilder query = new StringBuilder("/api/jobs?limit=").append(limit);
        if (state != null) {
            query.append("&state=").append(encode(state));
        }
        if (before != null) {
            query.append("&before=").append(encode(before));
        }
        return http.get(query.toString(), Duration.ZERO);
    }

    /**
     * {@code GET /api/jobs/{id}/results}: one page of outcomes after {@code after} (null for the
     * first), waiting up to {@code waitMs} on the server when none is ready yet.
     */
    public JsonNode results(String id, ResultOrder order, String after, int limit, long waitMs) {
        return results(id, order, after, limit, waitMs, false);
    }

    /**
     * Like {@link #results(String, ResultOrder, String, int, long)}; with {@code runs}, each item
     * also says how its task ran ({@code "run": {worker, startedAtMs, finishedAtMs, attempt, exit}}).
     */
    public JsonNode results(String id, ResultOrder order, String after, int limit, long waitMs, boolean runs) {
        StringBuilder query = new StringBuilder("/api/jobs/").append(segment(id))
                .append("/results?order=").append(order.apiName())
                .append("&limit=").append(limit)
                .append("&waitMs=").append(waitMs);
        if (runs) {
            query.append("&runs=true");
        }
        if (after != null) {
            query.append("&after=").append(encode(after));
        }
        try {
            return http.get(query.toString(), Duration.ofMillis(waitMs));
        } catch (ApiRefusedException e) {
            throw unknownJob(id, e);
        }
    }

    /** {@code POST /api/jobs/{id}/cancel}: the job's view afterwards. */
    public JsonNode cancel(String id) {
        try {
            return http.post("/api/jobs/" + segment(id) + "/cancel", http.json().createObjectNode());
        } catch (ApiRefusedException e) {
            throw unknownJob(id, e);
        }
    }

    public JsonNode tasks() {
        return http.get("/api/tasks", Duration.ZERO);
    }

    /** {@code GET /api/state}: what the tasks share, by kind. */
    public JsonNode state() {
        return http.get("/api/state", Duration.ZERO);
    }

    /** {@code GET /api/state/{name}}, of {@code kind} when it is not null. */
    public JsonNode state(String name, String kind) {
        return http.get("/api/state/" + segment(name) + kindQuery(kind), Duration.ZERO);
    }

    /**
     * Deletes a finished job and everything of it ({@code DELETE /api/jobs/{id}}). Blocks until
     * the server answers.
     *
     * @throws ApiRefusedException 409 while the job runs, 404 for no such job
     */
    public void deleteJob(String id) {
        http.delete("/api/jobs/" + segment(id));
    }

    /** {@code DELETE /api/state/{name}}, of {@code kind} when it is not null. */
    public void deleteState(String name, String kind) {
        http.delete("/api/state/" + segment(name) + kindQuery(kind));
    }

    /** {@code POST /api/state/{name}/release}: forces a lock or semaphore free. */
    public JsonNode releaseState(String name) {
        return http.post("/api/state/" + segment(name) + "/release", http.json().createObjectNode());
    }

    private static String kindQuery(String kind) {
        return kind == null ? "" : "?kind=" + encode(kind);
    }

    public JsonNode workers() {
        return http.get("/api/workers", Duration.ZERO);
    }

    /** {@code POST /api/workers/hosts/{id}/drain}: tells a remote host to drain. */
    public JsonNode drainHost(String hostId) {
        return http.post("/api/workers/hosts/" + segment(hostId) + "/drain", http.json().createObjectNode());
    }

    /** {@code POST /api/workers/scale}: the workers afterwards. */
    public JsonNode scale(int count) {
        return http.post("/api/workers/scale", http.json().createObjectNode().put("count", count));
    }

    /** {@code GET /api/dead-letters?limit=N}: the oldest dead letters, and whether more follow. */
    public JsonNode deadLetters(int limit) {
        return http.get("/api/dead-letters?limit=" + limit, Duration.ZERO);
    }

    /** {@code DELETE /api/dead-letters/{id}}. */
    public void dropDeadLetter(String id) {
        http.delete("/api/dead-letters/" + segment(id));
    }

    /** {@code DELETE /api/dead-letters}: every one; answers how many were dropped. */
    public long dropAllDeadLetters() {
        return http.deleteForAnswer("/api/dead-letters").path("dropped").asLong();
    }

    /** {@code POST /api/dead-letters/{id}/resend}: sends a dead task chunk to the workers again. */
    public JsonNode resendDeadLetter(String id) {
        return http.post("/api/dead-letters/" + segment(id) + "/resend", http.json().createObjectNode());
    }

    public JsonNode status() {
        return http.get("/api/status", Duration.ZERO);
    }

    private static ApiRefusedException unknownJob(String id, ApiRefusedException error) {
        return error.notFound() ? new ApiRefusedException(404, "no job '" + id + "'") : error;
    }

    private static String segment(String text) {
        return encode(text).replace("+", "%20");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
