package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mqpool.engine.store.JobState;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.TaskJson;
import io.mqpool.jobs.TaskRegistry;
import io.mqpool.jobs.builtin.Square;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a connected pool holds the outcomes the server hands out: typed, bounded for a sequence, ended as told. */
class ServerJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RegisteredTask SQUARE =
            TaskRegistry.load(null, ServerJobTest.class.getClassLoader()).require(Square.class);

    private static ServerJob job(boolean bounded, List<String> args) {
        return new ServerJob("j1", SQUARE, new TaskJson(), args, true, bounded);
    }

    /** A page of {@code count} values from {@code first} on, as {@code GET /api/jobs/{id}/results} sends it. */
    private static JsonNode page(long first, int count, boolean done, String state) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode results = page.putArray("results");
        for (long i = first; i < first + count; i++) {
            results.addObject().put("index", i).put("value", i * i);
        }
        return page.put("next", Long.toString(first + count)).put("done", done).put("state", state);
    }

    @Test
    void aSequenceIsNotReadFurtherWhileItsWindowIsFull() {
        ServerJob job = job(true, List.of());
        assertTrue(job.accept(page(0, ServerJob.WINDOW, false, "RUNNING")));
        assertFalse(job.wantsMore());
        assertEquals(Long.toString(ServerJob.WINDOW), job.cursor());
        List<List<Outcome<Object>>> taken = job.next(10);
        assertEquals(10, taken.size());
        assertEquals(81L, taken.get(9).get(0).value());
        assertTrue(job.wantsMore());
    }

    @Test
    void aResultMadeAtTheEndHoldsEveryOutcome() {
        ServerJob job = job(false, List.of());
        job.accept(page(0, ServerJob.WINDOW, false, "RUNNING"));
        assertTrue(job.wantsMore());
        job.accept(page(ServerJob.WINDOW, 5, true, "COMPLETED"));
        assertFalse(job.wantsMore());
        assertEquals(ServerJob.WINDOW + 5, job.all().size());
        assertEquals(new OutcomeFeed.Standing(ServerJob.WINDOW + 5, JobState.COMPLETED), job.standing());
    }

    @Test
    void aCancelledJobHasNoTotalSoItsReaderIsToldItWasCancelled() {
        ServerJob job = job(true, List.of());
        job.accept(page(0, 2, true, "CANCELLED"));
        assertNull(job.standing().totalChunks());
        assertEquals(JobState.CANCELLED, job.standing().state());
    }

    @Test
    void aFailureNamesItsOwnArgumentAndCarriesTheRemoteStack() {
        ServerJob job = job(false, List.of("7", "8"));
        ObjectNode page = JSON.createObjectNode().put("next", "2").put("done", true).put("state", "FAILED");
        ObjectNode error = page.putArray("results").addObject().put("index", 1).putObject("error");
        error.put("type", "java.lang.ArithmeticException").put("message", "overflow")
                .put("stack", "java.lang.ArithmeticException: overflow\n\tat Square.call(Square.java:1)\n");
        job.accept(page);
        Outcome<Object> outcome = job.all().get(0);
        TaskFailedException failure = assertThrows(TaskFailedException.class, outcome::value);
        assertEquals(1, failure.taskIndex());
        assertEquals("8", failure.argument());
        assertEquals("java.lang.ArithmeticException", failure.remoteClassName());
        assertTrue(failure.remoteStackTrace().contains("Square.call"), failure.remoteStackTrace());
    }

    @Test
    void aClosingPoolKeepsNoOutcomeButReadsOnToTheEnd() {
        ServerJob job = job(true, List.of());
        job.accept(page(0, ServerJob.WINDOW, false, "RUNNING"));
        job.drain();
        assertTrue(job.wantsMore());
        job.accept(page(ServerJob.WINDOW, 10, true, "COMPLETED"));
        assertEquals(List.of(), job.next(100));
        assertEquals(ServerJob.WINDOW + 10, job.standing().totalChunks());
    }
}
