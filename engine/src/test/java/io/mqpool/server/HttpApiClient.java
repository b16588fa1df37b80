package io.mqpool.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A test's HTTP client for one server's API: plain requests, answers as status plus JSON. */
final class HttpApiClient {

    /** An answer: its status, its body as text, and the body as JSON (null if it is not JSON). */
    record Answer(int status, String body, JsonNode json, HttpResponse<String> raw) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    HttpApiClient(URI base) {
        this.base = base;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    Answer get(String path) {
        return send(request(path).GET().build());
    }

    Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Answer send(HttpRequest request) {
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

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(90));
    }

    /** Submits a job and returns its view; fails the test unless the answer is 201. */
    JsonNode submit(String json) {
        Answer answer = post("/api/jobs", json);
        if (answer.status() != 201) {
            throw new AssertionError("submit " + json + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }

    JsonNode job(String id) {
        return get("/api/jobs/" + id).json();
    }

    /** How many jobs the server holds (all pages). */
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
}
