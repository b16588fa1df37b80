package io.mqpool.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.BitSet;

/**
 * The check of the crash and take-over tests: a finished {@code compute_cube} job's results,
 * read page by page through the HTTP API, hold every index once, each with its cube.
 */
public final class EveryOutcomeOnce {

    private EveryOutcomeOnce() {
    }

    /** Asserts that job {@code jobId} has exactly one correct outcome for each of its {@code tasks} indexes. */
    public static void assertCubes(HttpApiClient api, String jobId, int tasks) {
        BitSet seen = new BitSet(tasks);
        String cursor = null;
        boolean done = false;
        while (!done) {
            JsonNode page = api.get("/api/jobs/" + jobId + "/results?limit=10000"
                    + (cursor == null ? "" : "&after=" + cursor)).json();
            for (JsonNode result : page.get("results")) {
                int index = result.get("index").asInt();
                assertFalse(seen.get(index), "index " + index + " twice");
                seen.set(index);
                assertEquals((long) index * index * index, result.get("value").asLong(), result.toString());
            }
            cursor = page.get("next").asText();
            done = page.get("done").asBoolean();
        }
        assertEquals(tasks, seen.cardinality());
    }
}
