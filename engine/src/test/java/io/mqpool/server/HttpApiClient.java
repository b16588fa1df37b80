package io.mqpool.server;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mqpool.app.client.ApiClient;
import io.mqpool.app.client.ApiRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A test's HTTP client for one server's API. The typed calls (submit, job, workers, jobs) go
 * through the product's own {@link ApiClient}, as the CLI and the bench do; the plain requests
 * ({@link #get}, {@link #post}, {@link #send}) are for what a test sends or checks on purpose —
 * bad input, statuses, headers, pages — and answer status plus JSON. The HTTP API tests and the
 * browser tests (to set up and to check) share it. Every call blocks for the answer, at most 90 s.
 */
public final class HttpApiClient {

    /** An answer: its status, its body as text, and the body as JSON (null if it is not JSON). */
    public record Answer(int status, String body, JsonNode json, HttpResponse<String> raw) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Supplier<URI> base;
    private ApiClient api;

    public HttpApiClient(URI base) {
        this(() -> base);
    }

    /** A client whose server is known only later, such as one a {@link RunningServer} starts. */
    HttpApiClient(Supplier<URI> base) {
        this.base = base;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** {@code path} on the server, such as {@code /jobs}. */
    public URI url(String path) {
        return base.get().resolve(path);
    }

    public Answer get(String path) {
        return send(request(path).GET().build());
    }

    public Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = mapper.readTree(response.body());
            } catch (IOException e) {
                // Not JSON: the test sees json() == null.
            }
            return new Answer(response.statusCode(), response.body(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Opens {@code url} as a stream (a download, read line by line by the caller); at most 120 s. */
    public HttpResponse<InputStream> stream(URI url) {
        try {
            return client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(120)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(90));
    }

    /** The product's client of this server, made once the server's address is known. */
    public synchronized ApiClient api() {
        if (api == null) {
            api = new ApiClient(base.get());
        }
        return api;
    }

    /** Submits a job and returns its view; fails the test if the server refuses it. */
    public JsonNode submit(String json) {
        try {
            return api().submit((ObjectNode) mapper.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("the test's job is not JSON: " + json, e);
        } catch (ApiRefusedException e) {
            throw new AssertionError("submit " + json + " was refused (" + e.status() + "): " + e.getMessage(), e);
        }
    }

    /** Submits a job and returns its id; fails the test unless the answer is 201. */
    public String submitForId(String json) {
        return submit(json).get("id").asText();
    }

    public JsonNode job(String id) {
        return api().job(id);
    }

    /** Blocks until the job is in {@code state} (at most {@code timeout}); returns its view. */
    public JsonNode awaitState(String id, String state, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> state.equals(job(id).get("state").asText()));
        return job(id);
    }

    /** Workers that are neither stopped nor draining, per {@code GET /api/workers}. */
    public long activeWorkers() {
        long active = 0;
        for (JsonNode worker : api().workers()) {
            String state = worker.get("state").asText();
            if (!state.equals("stopped") && !state.equals("draining")) {
                active++;
            }
        }
        return active;
    }

    /** How many jobs the server holds (all pages). */
    public int jobCount() {
        int count = 0;
        String next = null;
        do {
            JsonNode page = api().jobs(null, 1000, next);
            count += page.get("jobs").size();
            next = page.get("next").isNull() ? null : page.get("next").asText();
        } while (next != null);
        return count;
    }
}
