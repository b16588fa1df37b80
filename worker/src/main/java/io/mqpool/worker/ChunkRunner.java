package io.mqpool.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mqpool.broker.ChunkResult;
import io.mqpool.broker.TaskChunk;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.TaskJson;
import io.mqpool.jobs.TaskRegistry;
import io.mqpool.jobs.UnknownTaskException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the tasks of one chunk in index order and records each outcome. A task that fails
 * fails alone: the rest of the chunk still runs. A task the engine settled (it is out of
 * retries after killing workers) is not run: its outcome is the error it was settled with.
 * Used by one thread at a time.
 */
final class ChunkRunner {

    private final TaskRegistry registry;
    private final TaskJson json;
    private final String workerId;
    private final TaskStartListener onTaskStart;

    ChunkRunner(TaskRegistry registry, TaskJson json, String workerId,
                TaskStartListener onTaskStart) {
        this.registry = registry;
        this.json = json;
        this.workerId = workerId;
        this.onTaskStart = onTaskStart;
    }

    /**
     * Runs every task of {@code chunk}. Blocks for as long as the tasks take; never throws
     * for a task's failure, which becomes that task's error outcome.
     *
     * @param redeliveries how many times the chunk was delivered before this run
     */
    ChunkResult run(TaskChunk chunk, int redeliveries) {
        // Wall-clock times, for the server's throughput and duration charts.
        long started = System.currentTimeMillis();
        ChunkResult result = runTasks(chunk, redeliveries);
        return result.withTimes(started, Math.max(started, System.currentTimeMillis()));
    }

    private ChunkResult runTasks(TaskChunk chunk, int redeliveries) {
        ObjectNode settled;
        RegisteredTask task;
        JsonNode args;
        try {
            settled = parseSettled(chunk);
        } catch (MalformedArgumentsException e) {
            return failEvery(chunk, json.mapper().createObjectNode(), e);
        }
        try {
            task = registry.require(chunk.taskName());
            args = parseArguments(chunk);
        } catch (UnknownTaskException | MalformedArgumentsException e) {
            return failEvery(chunk, settled, e);
        }
        ArrayNode outcomes = json.mapper().createArrayNode();
        int failures = 0;
        for (int i = 0; i < chunk.size(); i++) {
            long index = chunk.firstIndex() + i;
            JsonNode settledError = settled.get(Long.toString(index));
            ObjectNode outcome;
            if (settledError != null) {
                outcome = json.mapper().createObjectNode().set("error", settledError);
            } else {
                onTaskStart.taskStarting(chunk, index);
                outcome = runOne(task, args.get(i),
                        new ChunkContext(chunk.jobId(), index, redeliveries, workerId));
            }
            if (outcome.has("error")) {
                failures++;
            }
            outcomes.add(outcome);
        }
        return result(chunk, failures, outcomes);
    }

    /** Nothing of the chunk can run: every task gets the same error, unless it is settled. */
    private ChunkResult failEvery(TaskChunk chunk, ObjectNode settled, Exception e) {
        ArrayNode outcomes = json.mapper().createArrayNode();
        for (int i = 0; i < chunk.size(); i++) {
            JsonNode settledError = settled.get(Long.toString(chunk.firstIndex() + i));
            outcomes.add(settledError == null ? error(e)
                    : json.mapper().createObjectNode().set("error", settledError));
        }
        return result(chunk, chunk.size(), outcomes);
    }

    private ChunkResult result(TaskChunk chunk, int failures, ArrayNode outcomes) {
        return new ChunkResult(chunk.jobId(), chunk.chunkNo(), chunk.firstIndex(), chunk.size(),
                failures, workerId, outcomes.toString());
    }

    private ObjectNode runOne(RegisteredTask task, JsonNode argument, ChunkContext context) {
        Object result;
        try {
            Object bound = json.bindArgument(task, argument);
            result = task.instance().call(bound, context);
        } catch (InterruptedException e) {
            // The task gave up on an interrupt; clear the flag so the next task of the chunk
            // does not inherit it. Stopping the worker never uses interrupts.
            Thread.interrupted();
            return error(e);
        } catch (Throwable e) {
            // Errors a task can cause (StackOverflowError, NoClassDefFoundError, ...) fail the
            // task; only a broken JVM (OutOfMemoryError, InternalError) takes the worker down.
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (VirtualMachineError) e;
            }
            return error(e);
        }
        ObjectNode outcome = json.mapper().createObjectNode();
        try {
            JsonNode value = json.toJson(result);
            checkSize(task, value);
            outcome.set("value", value);
        } catch (IllegalArgumentException e) {
            return error(new IllegalArgumentException("the result of task " + task.name()
                    + " (" + (result == null ? "null" : "a " + result.getClass().getName()) + ") could not be turned into JSON: "
                    + e.getMessage(), e));
        }
        return outcome;
    }

    /** Refuses a result over {@link TaskJson#MAX_VALUE_CHARS}; small scalars are not measured. */
    private void checkSize(RegisteredTask task, JsonNode value) {
        long chars;
        if (value.isTextual()) {
            chars = value.textValue().length();
        } else if (value.isContainerNode()) {
            chars = value.toString().length();
        } else {
            return;
        }
        if (chars > TaskJson.MAX_VALUE_CHARS) {
            throw new IllegalArgumentException(chars + " characters of JSON, over the limit of "
                    + TaskJson.MAX_VALUE_CHARS + " per result");
        }
    }

    private JsonNode parseArguments(TaskChunk chunk) throws MalformedArgumentsException {
        JsonNode args;
        try {
            args = json.mapper().readTree(chunk.argsJson());
        } catch (JsonProcessingException e) {
            throw new MalformedArgumentsException("the arguments of chunk " + chunk.duplicateId()
                    + " are not valid JSON: " + e.getOriginalMessage());
        }
        if (args == null || !args.isArray() || args.size() != chunk.size()) {
            throw new MalformedArgumentsException("the arguments of chunk " + chunk.duplicateId()
                    + " must be a JSON array of " + chunk.size() + " elements");
        }
        return args;
    }

    /** The settled tasks: absolute task index (a string) to the error object to answer with. */
    private ObjectNode parseSettled(TaskChunk chunk) throws MalformedArgumentsException {
        if (chunk.settledJson().equals("{}")) {
            return json.mapper().createObjectNode();
        }
        JsonNode settled;
        try {
            settled = json.mapper().readTree(chunk.settledJson());
        } catch (JsonProcessingException e) {
            throw new MalformedArgumentsException("the settled tasks of chunk "
                    + chunk.duplicateId() + " are not valid JSON: " + e.getOriginalMessage());
        }
        if (settled == null || !settled.isObject()) {
            throw new MalformedArgumentsException("the settled tasks of chunk "
                    + chunk.duplicateId() + " must be a JSON object of task index to error");
        }
        for (JsonNode error : settled) {
            if (!error.isObject()) {
                throw new MalformedArgumentsException("the settled tasks of chunk "
                        + chunk.duplicateId() + " must map each task index to an error object, "
                        + "not " + error);
            }
        }
        return (ObjectNode) settled;
    }

    private ObjectNode error(Throwable e) {
        StringWriter stack = new StringWriter();
        try (PrintWriter writer = new PrintWriter(stack)) {
            e.printStackTrace(writer);
        }
        ObjectNode outcome = json.mapper().createObjectNode();
        outcome.putObject("error")
                .put("type", e.getClass().getName())
                .put("message", e.getMessage() == null ? "" : e.getMessage())
                .put("stack", stack.toString());
        return outcome;
    }

    /** A chunk whose arguments are not an array of one argument per task. */
    static final class MalformedArgumentsException extends IllegalArgumentException {
        MalformedArgumentsException(String message) {
            super(message);
        }
    }
}
