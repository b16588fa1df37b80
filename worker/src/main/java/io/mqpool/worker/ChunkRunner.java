package io.mqpool.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.broker.ChunkResult;
import io.mqpool.broker.TaskChunk;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.TaskJson;
import io.mqpool.jobs.TaskRegistry;
import io.mqpool.jobs.UnknownTaskException;
import io.mqpool.outcome.MalformedOutcomesException;
import io.mqpool.outcome.OutcomeCodec;
import io.mqpool.outcome.TaskOutcome;
import io.mqpool.outcome.TaskOutcome.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    private final StateClient state;
    private final OutcomeCodec codec = new OutcomeCodec();
    private final WorkerLog log;
    private final TaskInvocation invocation;

    ChunkRunner(TaskRegistry registry, TaskJson json, String workerId,
                TaskStartListener onTaskStart, StateClient state) {
        this.registry = registry;
        this.json = json;
        this.workerId = workerId;
        this.onTaskStart = onTaskStart;
        this.state = state;
        this.log = new WorkerLog(System.err, workerId);
        this.invocation = new TaskInvocation(json);
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
        Map<Long, Failure> settled;
        RegisteredTask task;
        JsonNode args;
        try {
            settled = parseSettled(chunk);
        } catch (MalformedArgumentsException e) {
            return failEvery(chunk, Map.of(), e);
        }
        try {
            task = registry.require(chunk.taskName());
            args = parseArguments(chunk);
        } catch (UnknownTaskException | MalformedArgumentsException e) {
            return failEvery(chunk, settled, e);
        }
        List<TaskOutcome> outcomes = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            long index = chunk.firstIndex() + i;
            Failure settledError = settled.get(index);
            if (settledError != null) {
                outcomes.add(settledError);
            } else {
                onTaskStart.taskStarting(chunk, index);
                outcomes.add(invocation.run(task, args.get(i),
                        new ChunkContext(chunk.jobId(), index, redeliveries, workerId, state)));
                releaseLeftovers(chunk, index);
            }
        }
        return result(chunk, outcomes);
    }

    /**
     * A task that ended still holding a lock or permit would block every task that waits for
     * it until this worker dies: it is released here, and the worker's log says so.
     */
    private void releaseLeftovers(TaskChunk chunk, long index) {
        for (String left : state.holds().releaseLeftovers()) {
            log.line("task " + index + " of job " + chunk.jobId() + " ended holding " + left);
        }
    }

    /** Nothing of the chunk can run: every task gets the same error, unless it is settled. */
    private ChunkResult failEvery(TaskChunk chunk, Map<Long, Failure> settled, Exception e) {
        List<TaskOutcome> outcomes = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            Failure settledError = settled.get(chunk.firstIndex() + i);
            outcomes.add(settledError == null ? Failure.of(e) : settledError);
        }
        return result(chunk, outcomes);
    }

    private ChunkResult result(TaskChunk chunk, List<TaskOutcome> outcomes) {
        return new ChunkResult(chunk.jobId(), chunk.chunkNo(), chunk.firstIndex(), chunk.size(), workerId,
                codec.encode(outcomes));
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

    /** The settled tasks: absolute task index to the failure to answer with. */
    private Map<Long, Failure> parseSettled(TaskChunk chunk) throws MalformedArgumentsException {
        if (chunk.settledJson().equals("{}")) {
            return Map.of();
        }
        try {
            return codec.decodeSettled(chunk.settledJson());
        } catch (MalformedOutcomesException e) {
            throw new MalformedArgumentsException("the settled tasks of chunk " + chunk.duplicateId() + " "
                    + e.getMessage());
        }
    }

    /** A chunk whose arguments are not an array of one argument per task. */
    static final class MalformedArgumentsException extends IllegalArgumentException {
        MalformedArgumentsException(String message) {
            super(message);
        }
    }
}
