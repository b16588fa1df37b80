package io.mqpool.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.broker.ChunkResult;
import io.mqpool.broker.TaskChunk;
import io.mqpool.jobs.TaskJson;
import io.mqpool.jobs.TaskRegistry;
import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomeCodec;
import io.mqpool.outcome.OutcomesForm;
import io.mqpool.outcome.TaskOutcome.Failure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkRunnerTest {

    private final TaskJson json = new TaskJson();
    private final List<Long> started = new ArrayList<>();
    private final ChunkRunner runner = new ChunkRunner(
            TaskRegistry.load(null, ChunkRunnerTest.class.getClassLoader()), json, "w7",
            (chunk, index) -> started.add(index), new StateClient("vm://0", null, "w1"));

    private JsonNode outcomes(ChunkResult result) throws Exception {
        return json.mapper().readTree(result.outcomes().json());
    }

    private static Failure failure(ChunkResult result, int position) {
        return (Failure) new OutcomeCodec().decode(result.outcomes(), result.size()).get(position);
    }

    @Test
    void everyTaskOfASuccessfulChunkHasItsValueInOrder() throws Exception {
        ChunkResult result = runner.run(new TaskChunk("job", 2, 20, 3, "echo",
                "[1, \"two\", {\"three\": 3}]", 0), 0);

        assertEquals(new ChunkResult("job", 2, 20, 3, "w7", new EncodedOutcomes(
                "[1,\"two\",{\"three\":3}]", 0, OutcomesForm.VALUES), result.startedAtMillis(),
                result.finishedAtMillis()), result);
    }

    @Test
    void aResultCarriesWhenTheWorkerStartedAndFinishedTheChunk() throws Exception {
        long before = System.currentTimeMillis();
        ChunkResult result = runner.run(new TaskChunk("job", 0, 0, 2, "sleep_millis", "[100, 100]", 0), 0);
        long after = System.currentTimeMillis();

        assertTrue(result.startedAtMillis() >= before && result.startedAtMillis() <= after, result.toString());
        assertTrue(result.finishedAtMillis() - result.startedAtMillis() >= 200, result.toString());
        assertTrue(result.finishedAtMillis() <= after, result.toString());
    }

    @Test
    void aTaskThatThrowsFailsAloneAndTheRestOfTheChunkStillRuns() throws Exception {
        ChunkResult result = runner.run(new TaskChunk("job", 0, 0, 3, "sleep_millis",
                "[1, -5, 2]", 0), 0);

        assertEquals(1, result.outcomes().failures());
        JsonNode outcomes = outcomes(result);
        assertEquals(1, outcomes.get(0).get("value").asInt());
        JsonNode error = outcomes.get(1).get("error");
        assertEquals("java.lang.IllegalArgumentException", error.get("type").asText());
        assertEquals("timeout value is negative", error.get("message").asText());
        String stack = failure(result, 1).stackTrace();
        assertTrue(stack.startsWith(
                "java.lang.IllegalArgumentException: timeout value is negative"),
                stack);
        assertTrue(stack.contains("at io.mqpool.jobs.builtin.SleepMillis"));
        assertEquals(2, outcomes.get(2).get("value").asInt());
    }

    @Test
    void anArgumentThatDoesNotBindFailsOnlyItsTask() throws Exception {
        ChunkResult result = runner.run(new TaskChunk("job", 0, 0, 2, "sleep_millis",
                "[\"soon\", 1]", 0), 0);

        assertEquals(1, result.outcomes().failures());
        JsonNode outcomes = outcomes(result);
        assertEquals("io.mqpool.jobs.ArgumentBindingException",
                outcomes.get(0).get("error").get("type").asText());
        assertEquals(1, outcomes.get(1).get("value").asInt());
    }

    @Test
    void aResultOverTheSizeLimitFailsOnlyItsTask() throws Exception {
        String huge = "\"" + "x".repeat(TaskJson.MAX_VALUE_CHARS + 1) + "\"";
        ChunkResult result = runner.run(new TaskChunk("job", 0, 0, 2, "echo", "[" + huge + ", 2]", 0), 0);

        assertEquals(1, result.outcomes().failures());
        JsonNode outcomes = outcomes(result);
        assertTrue(outcomes.get(0).get("error").get("message").asText().contains("over the limit of "
                + TaskJson.MAX_VALUE_CHARS + " per result"), outcomes.get(0).toString().substring(0, 300));
        assertEquals(2, outcomes.get(1).get("value").asInt());
    }

    @Test
    void aTaskExceptionCrossesAsItsClassAndMessage() throws Exception {
        ChunkResult result = runner.run(new TaskChunk("job", 0, 0, 1, "fail_on_purpose",
                "[\"x\"]", 0), 0);

        JsonNode error = outcomes(result).get(0).get("error");
        assertEquals("java.lang.IllegalStateException", error.get("type").asText());
        assertEquals("failed on purpose: x", error.get("message").asText());
    }

    @Test
    void aResultThatCannotBeSerialisedFailsThatTaskOnly() throws Exception {
        ChunkResult result = runner.run(new TaskChunk("job", 0, 0, 2, "unserialisable_result",
                "[1, 2]", 0), 0);

        assertEquals(2, result.outcomes().failures());
        JsonNode error = outcomes(result).get(0).get("error");
        assertEquals("java.lang.IllegalArgumentException", error.get("type").asText());
        assertTrue(error.get("message").asText().contains("could not be turned into JSON"),
                error.get("message").asText());
        assertTrue(failure(result, 0).stackTrace().contains("Caused by:"));
    }

    @Test
    void anUnknownTaskFailsEveryTaskOfTheChunkWithUnknownTaskException() throws Exception {
        ChunkResult result = runner.run(new TaskChunk("job", 1, 10, 2, "no_such_task",
                "[1, 2]", 0), 0);

        assertEquals(2, result.outcomes().failures());
        JsonNode outcomes = outcomes(result);
        for (JsonNode outcome : outcomes) {
            assertEquals("io.mqpool.jobs.UnknownTaskException",
                    outcome.get("error").get("type").asText());
            assertTrue(outcome.get("error").get("message").asText().contains("no_such_task"));
        }
    }

    @Test
    void argumentsThatAreNotOnePerTaskFailEveryTask() throws Exception {
        ChunkResult result = runner.run(new TaskChunk("job", 0, 0, 2, "echo", "[1]", 0), 0);

        assertEquals(2, result.outcomes().failures());
        assertEquals("the arguments of chunk job:0 must be a JSON array of 2 elements",
                outcomes(result).get(1).get("error").get("message").asText());
    }

    @Test
    void eachTaskSeesItsJobIndexRedeliveriesAndWorker() throws Exception {
        ChunkResult result = runner.run(new TaskChunk("job", 5, 10, 2, "describe_context",
                "[0, 0]", 0), 2);

        assertEquals("[\"job/10/2/w7\",\"job/11/2/w7\"]",
                result.outcomes().json());
    }

    @Test
    void theTaskStartHookSeesEachTaskIndexInOrderBeforeItRuns() {
        runner.run(new TaskChunk("job", 3, 30, 3, "echo", "[1, 2, 3]", 0), 0);

        assertEquals(List.of(30L, 31L, 32L), started);
    }

    @Test
    void aSettledTaskIsNotRunAndAnswersWithItsErrorAsAFailure() throws Exception {
        String settled = "{\"41\": {\"type\": \"io.mqpool.WorkerDiedException\", "
                + "\"message\": \"killed the worker 3 times\", \"stack\": \"\"}}";

        ChunkResult result = runner.run(new TaskChunk("job", 4, 40, 3, "echo",
                "[1, 2, 3]", 0, 3, settled), 0);

        assertEquals(1, result.outcomes().failures());
        assertEquals(List.of(40L, 42L), started);
        assertEquals("[{\"value\":1},{\"error\":{\"type\":\"io.mqpool.WorkerDiedException\","
                + "\"message\":\"killed the worker 3 times\",\"stack\":\"\"}},{\"value\":3}]",
                result.outcomes().json());
    }

    @Test
    void aSettledTaskKeepsItsErrorWhenTheRestOfTheChunkCannotRun() throws Exception {
        ChunkResult result = runner.run(new TaskChunk("job", 0, 0, 2, "no_such_task", "[1, 2]",
                0, 1, "{\"1\": {\"type\": \"T\", \"message\": \"m\", \"stack\": \"\"}}"), 0);

        assertEquals(2, result.outcomes().failures());
        JsonNode outcomes = outcomes(result);
        assertEquals("io.mqpool.jobs.UnknownTaskException",
                outcomes.get(0).get("error").get("type").asText());
        assertEquals("T", outcomes.get(1).get("error").get("type").asText());
    }

    @Test
    void settledTasksThatAreNotAnObjectOfErrorsFailEveryTask() throws Exception {
        ChunkResult result = runner.run(new TaskChunk("job", 2, 0, 2, "echo", "[1, 2]", 0, 1,
                "{\"0\": \"no\"}"), 0);

        assertEquals(2, result.outcomes().failures());
        assertTrue(started.isEmpty());
        assertEquals("the settled tasks of chunk job:2:1 must map each task index to an error "
                + "object, not \"no\"",
                outcomes(result).get(0).get("error").get("message").asText());
    }
}
