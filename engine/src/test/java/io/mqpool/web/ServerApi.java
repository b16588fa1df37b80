package io.mqpool.web;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The browser tests' side door: the HTTP API of the server under test, to set up and to check. */
final class ServerApi {

    /** An answer: its status and its body as JSON (null if it is not JSON). */
    record Answer(int status, String body, JsonNode json) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    ServerApi(URI base) {
        this.base = base;
    }

    URI url(String path) {
        return base.resolve(path);
    }

    /** Blocks for the answer (at most 90 s). */
    Answer get(String path) {
        return send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(90)).GET().build());
    }

    /** Blocks for the answer (at most 90 s). */
    Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Submits a job; fails the test unless the answer is 201. Returns the job's id. */
    String submit(String json) {
        Answer answer = post("/api/jobs", json);
        if (answer.status() != 201) {
            throw new AssertionError("submit " + json + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().get("id").asText();
    }

    JsonNode job(String id) {
        return get("/api/jobs/" + id).json();
    }

    /** Blocks until the job is in {@code state} (at most {@code timeout}); returns its view. */
    JsonNode awaitState(String id, String state, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> state.equals(job(id).get("state").asText()));
        return job(id);
    }

    /** How many jobs the server holds (every page of {@code GET /api/jobs}). */
    int jobCount() {
        int count = 0;
        String next = null;
        do {
            JsonNode page = get("/api/jobs?limit=1000" + (next == null ? "" : "&before=" + next)).json();
            count += page.get("jobs").size();
            next = page.get("next").isNull() ? null : page.get("next").asText();
        } while (next != null);
        return count;
    }

    /** Workers that are neither stopped nor draining, per {@code GET /api/workers}. */
    long activeWorkers() {
        long active = 0;
        for (JsonNode worker : get("/api/workers").json()) {
            String state = worker.get("state").asText();
            if (!state.equals("stopped") && !state.equals("draining")) {
                active++;
            }
        }
        return active;
    }

    /** Opens {@code url} as a stream (a download, read line by line by the caller). */
    HttpResponse<InputStream> stream(URI url) {
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

    ObjectMapper mapper() {
        return mapper;
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = mapper.readTree(response.body());
            } catch (IOException e) {
                // Not JSON: json() is null.
            }
            return new Answer(response.statusCode(), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
