package io.mqpool.app.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqpool.config.OneLine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * JSON requests to one mqpool server, with its failures turned into one-line exceptions: a
 * {@link ServerUnreachableException} for a server that cannot be asked or answers as no mqpool
 * server would, an {@link ApiRefusedException} for a refused request.
 *
 * <p>Built on the JDK's {@code java.net.http.HttpClient} rather than a library: the client
 * sends a few small JSON requests, one at a time, which the JDK does well, and a dependency
 * would only add weight to the jar and versions to keep in step with the server's.
 */
public final class HttpJson {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a request may take beyond any long-poll wait it asks the server for. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final URI server;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Optional<String> token;

    /** A client that sends no token: enough for a server on this host. */
    public HttpJson(URI server, ObjectMapper json) {
        this(server, json, Optional.empty());
    }

    /** @param token the API token sent with every request, as {@code Authorization: Bearer} */
    public HttpJson(URI server, ObjectMapper json, Optional<String> token) {
        this.server = server;
        this.json = json;
        this.token = token;
        // HTTP/1.1: plain http to a local server gains nothing from an h2c upgrade attempt.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** The mapper the client reads and writes JSON with: strict input, tolerant of new fields. */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public URI server() {
        return server;
    }

    public ObjectMapper json() {
        return json;
    }

    /** GETs {@code pathAndQuery}; blocks for up to {@code serverWait} plus the answer timeout. */
    public JsonNode get(String pathAndQuery, Duration serverWait) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET(), serverWait);
    }

    /** POSTs {@code body} as JSON to {@code path}; blocks until the answer or its timeout. */
    public JsonNode post(String path, JsonNode body) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body: " + e.getOriginalMessage(), e);
        }
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), Duration.ZERO);
    }

    /** DELETEs {@code pathAndQuery}; true when the server answered 204 No Content. */
    public boolean delete(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).DELETE();
        return send(request, Duration.ZERO, true) == null;
    }

    /** DELETEs {@code pathAndQuery} and reads the JSON it answers with. */
    public JsonNode deleteForAnswer(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).DELETE(), Duration.ZERO);
    }

    private URI uri(String pathAndQuery) {
        return URI.create(server + pathAndQuery);
    }

    private JsonNode send(HttpRequest.Builder request, Duration serverWait) {
        return send(request, serverWait, false);
    }

    private JsonNode send(HttpRequest.Builder request, Duration serverWait, boolean noContentIsFine) {
        request.timeout(ANSWER_TIMEOUT.plus(serverWait)).header("Accept", "application/json");
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ServerUnreachableException("the server at " + server
                    + " did not answer within " + ANSWER_TIMEOUT.plus(serverWait).toSeconds() + " s", e);
        } catch (IOException e) {
            throw new ServerUnreachableException("cannot reach the server at " + server + ": "
                    + OneLine.reasonOf(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachableException("interrupted while waiting for " + server, e);
        }
        if (noContentIsFine && response.statusCode() == 204) {
            return null;
        }
        return answer(response);
    }

    private JsonNode answer(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300 && body != null) {
            return body;
        }
        String error = body != null && body.hasNonNull("error") ? body.get("error").asText() : null;
        if (status >= 400 && status < 500) {
            throw new ApiRefusedException(status, error != null ? OneLine.of(error) : "HTTP " + status + " from " + server);
        }
        if (status >= 500) {
            throw new ServerUnreachableException("the server at " + server + " failed: HTTP "
                    + status + (error != null ? ": " + OneLine.of(error) : ""));
        }
        throw new ServerUnreachableException("the server at " + server + " answered HTTP " + status
                + " without JSON; is it an mqpool server?");
    }

    private JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
