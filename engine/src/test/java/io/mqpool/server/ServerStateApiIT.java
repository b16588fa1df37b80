package io.mqpool.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.server.HttpApiClient.Answer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/state}: the counters that tasks of a real server process share, read and deleted over HTTP. */
class ServerStateApiIT {

    @RegisterExtension
    static final RunningServer server = RunningServer.withWorkers(2);
    private static final HttpApiClient api = server.api();

    @Test
    void theCountersTasksUpdatedAreListedShownAndDeleted() {
        String id = api.submitForId("{\"task\": \"add_square_to_sum\", \"args\": [1, 2, 3, 4], \"chunksize\": 1}");
        api.awaitState(id, "COMPLETED", Duration.ofSeconds(60));

        JsonNode listed = api.get("/api/state").json();
        assertEquals("sum", listed.get("counters").get(0).get("name").asText());
        assertEquals(30, listed.get("counters").get(0).get("value").asLong());
        Answer shown = api.get("/api/state/sum");
        assertEquals(200, shown.status(), shown.body());
        assertEquals("counter", shown.json().get("kind").asText());
        assertEquals(30, shown.json().get("value").asLong());

        Answer deleted = api.send(api.request("/api/state/sum").DELETE().build());
        assertEquals(204, deleted.status(), deleted.body());
        assertEquals(404, api.get("/api/state/sum").status());
        assertEquals(0, api.get("/api/state").json().get("counters").size());
    }

    @Test
    void anUnknownCounterIs404WithOneLine() {
        Answer unknown = api.get("/api/state/nothing-here");
        assertEquals(404, unknown.status());
        assertEquals("no shared counter named 'nothing-here'", unknown.json().get("error").asText());
        assertEquals(404, api.send(api.request("/api/state/nothing-here").DELETE().build()).status());
    }
}
