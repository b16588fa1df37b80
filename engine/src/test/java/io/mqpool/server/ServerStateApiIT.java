package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.server.HttpApiClient.Answer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/state}: the counters, arrays, maps, lists and locks that tasks of a real server
 * process share, read, deleted and forced free over HTTP.
 */
class ServerStateApiIT {

    @RegisterExtension
    static final RunningServer server = RunningServer.withWorkers(2);
    private static final HttpApiClient api = server.api();

    @Test
    void theCountersTasksUpdatedAreListedShownAndDeleted() {
        String id = api.submitForId("{\"task\": \"add_square_to_sum\", \"args\": [1, 2, 3, 4], \"chunksize\": 1}");
        api.awaitState(id, "COMPLETED", Duration.ofSeconds(60));

        JsonNode sum = null;
        for (JsonNode counter : api.get("/api/state").json().get("counters")) {
            sum = counter.get("name").asText().equals("sum") ? counter : sum;
        }
        assertEquals(30, sum.get("value").asLong(), String.valueOf(sum));
        Answer shown = api.get("/api/state/sum");
        assertEquals(200, shown.status(), shown.body());
        assertEquals("counter", shown.json().get("kind").asText());
        assertEquals(30, shown.json().get("value").asLong());

        Answer deleted = api.send(api.request("/api/state/sum").DELETE().build());
        assertEquals(204, deleted.status(), deleted.body());
        assertEquals(404, api.get("/api/state/sum").status());
        api.get("/api/state").json().get("counters")
                .forEach(counter -> assertTrue(!counter.get("name").asText().equals("sum"), counter.toString()));
    }

    @Test
    void anUnknownCounterIs404WithOneLine() {
        Answer unknown = api.get("/api/state/nothing-here");
        assertEquals(404, unknown.status());
        assertEquals("nothing shared is named 'nothing-here'", unknown.json().get("error").asText());
        assertEquals(404, api.send(api.request("/api/state/nothing-here").DELETE().build()).status());
        Answer badKind = api.get("/api/state/sum?kind=dict");
        assertEquals(400, badKind.status());
        assertEquals("kind must be one of [counter, array, map, list, lock, semaphore], not 'dict'",
                badKind.json().get("error").asText());
        Answer notALock = api.post("/api/state/nothing-here/release", "{}");
        assertEquals(404, notALock.status());
        assertEquals("there is no shared lock or semaphore 'nothing-here'", notALock.json().get("error").asText());
    }

    @Test
    void theArrayMapAndListTasksFilledAreListedAndShownByKind() {
        String squares = api.submitForId("{\"task\": \"square_into_array\", \"args\": [1, 2, 3, 4], \"chunksize\": 1}");
        String remembered = api.submitForId("{\"task\": \"remember_square\", \"args\": [1, 2, 3], \"chunksize\": 1}");
        api.awaitState(squares, "COMPLETED", Duration.ofSeconds(60));
        api.awaitState(remembered, "COMPLETED", Duration.ofSeconds(60));

        JsonNode listed = api.get("/api/state").json();
        assertEquals("squares", listed.get("arrays").get(0).get("name").asText());
        assertEquals(10, listed.get("arrays").get(0).get("size").asInt());
        assertEquals(3, listed.get("maps").get(0).get("size").asInt());
        assertEquals(3, listed.get("lists").get(0).get("size").asInt());
        JsonNode array = api.get("/api/state/squares?kind=array").json();
        assertEquals("[0,1,4,9,16,0,0,0,0,0]", array.get("values").toString());
        JsonNode map = api.get("/api/state/squares?kind=map").json();
        assertEquals("{\"1\":1,\"2\":4,\"3\":9}", map.get("entries").toString());
        JsonNode list = api.get("/api/state/squares?kind=list").json();
        assertEquals(3, list.get("items").size());

        assertEquals(204, api.send(api.request("/api/state/squares?kind=map").DELETE().build()).status());
        assertEquals(404, api.get("/api/state/squares?kind=map").status());
        assertEquals(200, api.get("/api/state/squares?kind=list").status());
    }

    @Test
    void aLockHeldByATaskIsShownWithItsHolderAndAnOperatorForcesItFree() {
        String holding = api.submitForId("{\"task\": \"hold_lock\", \"args\": [[\"console\", 10000]], \"retries\": 0}");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Answer lock = api.get("/api/state/console");
            return lock.status() == 200 && lock.json().get("holders").size() == 1;
        });
        JsonNode lock = api.get("/api/state/console").json();
        assertEquals("lock", lock.get("kind").asText());
        assertEquals(1, lock.get("permits").asInt());
        JsonNode holder = lock.get("holders").get(0);
        assertTrue(holder.get("worker").asText().startsWith("w"), holder.toString());
        assertEquals(lock.get("fence").asLong(), holder.get("fence").asLong());
        Answer held = api.send(api.request("/api/state/console").DELETE().build());
        assertEquals(409, held.status());
        assertEquals("'console' is held or waited for: force it free first: POST /api/state/console/release",
                held.json().get("error").asText());

        Answer released = api.post("/api/state/console/release", "{}");
        assertEquals(200, released.status(), released.body());
        assertEquals(1, released.json().get("released").asInt());
        assertEquals(0, api.get("/api/state/console").json().get("holders").size());

        // The holder learns it when it unlocks: its task fails, saying why.
        api.awaitState(holding, "FAILED", Duration.ofSeconds(60));
        String results = api.get("/api/jobs/" + holding + "/results").body();
        assertTrue(results.contains("LockOwnershipLostException") && results.contains("an operator forced 'console' free"),
                results);
        assertEquals(204, api.send(api.request("/api/state/console").DELETE().build()).status());
    }
}
