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
 * fails alone: the rest of the chunk still runs. Used by one thread at a time.
 */
final class ChunkRunner {

    private final TaskRegistry registry;
    private final TaskJson json;
    private final String workerId;

    ChunkRunner(TaskRegistry registry, TaskJson json, String workerId) {
        this.registry = registry;
        this.json = json;
        this.workerId = workerId;
    }

    /**
     * Runs every task of {@code chunk}. Blocks for as long as the tasks take; never throws
     * for a task's failure, which becomes that task's error outcome.
     *
     * @param redeliveries how many times the chunk was delivered before this run
     */
    ChunkResult run(TaskChunk chunk, int redeliveries) {
        ArrayNode outcomes = json.mapper().createArrayNode();
        int failures = 0;
        RegisteredTask task;
        JsonNode args;
        try {
            task = registry.require(chunk.taskName());
            args = parseArguments(chunk);
        } catch (UnknownTaskException | MalformedArgumentsException e) {
            // Nothing of the chunk can run: every task gets the same error.
            for (int i = 0; i < chunk.size(); i++) {
                outcomes.add(error(e));
            }
            return result(chunk, chunk.size(), outcomes);
        }
        for (int i = 0; i < chunk.size(); i++) {
            ObjectNode outcome = runOne(task, args.get(i),
                    new ChunkContext(chunk.jobId(), chunk.firstIndex() + i, redeliveries, workerId));
            if (outcome.has("error")) {
                failures++;
            }
            outcomes.add(outcome);
        }
        return result(chunk, failures, outcomes);
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
            outcome.set("value", json.toJson(result));
        } catch (IllegalArgumentException e) {
            return error(new IllegalArgumentException("the result of task " + task.name()
                    + " (" + (result == null ? "null" : "a " + result.getClass().getName()) + ") could not be turned into JSON: "
                    + e.getMessage(), e));
        }
        return outcome;
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
