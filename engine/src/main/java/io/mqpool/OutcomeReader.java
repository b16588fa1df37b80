package io.mqpool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.engine.JobResults;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.TaskJson;
import io.mqpool.store.ChunkOutcomes;
import java.util.ArrayList;
import java.util.List;

/** Turns a chunk's recorded outcomes JSON back into typed {@link Outcome}s. */
final class OutcomeReader<R> {

    /** The error type the engine settles a timed-out task with. */
    private static final String TIMEOUT_TYPE = TaskTimeoutException.class.getName();

    private final JobResults results;
    private final TaskJson json;
    private final RegisteredTask task;
    private final String jobId;

    OutcomeReader(JobResults results, TaskJson json, RegisteredTask task, String jobId) {
        this.results = results;
        this.json = json;
        this.task = task;
        this.jobId = jobId;
    }

    String jobId() {
        return jobId;
    }

    /**
     * The outcomes of one chunk in index order. A result whose JSON does not bind to the task's
     * {@code R} is a failure of that task. Reads the chunk's arguments only if a task failed.
     */
    List<Outcome<R>> read(ChunkOutcomes chunk) {
        JsonNode outcomes = parse(chunk.outcomesJson(), "outcomes");
        if (!outcomes.isArray() || outcomes.size() != chunk.size()) {
            throw new IllegalStateException("job " + jobId + " chunk " + chunk.chunkNo() + " has "
                    + outcomes.size() + " outcomes for " + chunk.size() + " tasks");
        }
        ChunkArguments args = new ChunkArguments(chunk);
        List<Outcome<R>> read = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            long index = chunk.firstIndex() + i;
            JsonNode outcome = outcomes.get(i);
            JsonNode error = outcome.get("error");
            if (error == null) {
                read.add(success(index, outcome.get("value"), args, i));
            } else {
                RemoteTaskException remote = new RemoteTaskException(error.path("type").asText("unknown"),
                        error.path("message").asText(""), error.path("stack").asText(""));
                String argument = args.get(i);
                read.add(new Outcome.Failure<>(index, TIMEOUT_TYPE.equals(remote.remoteClassName())
                        ? new TaskTimeoutException(jobId, task.name(), index, argument, remote)
                        : new TaskFailedException(jobId, task.name(), index, argument, remote)));
            }
        }
        return read;
    }

    /** A task's result, or the failure of that one task if its JSON does not bind to the task's {@code R}. */
    private Outcome<R> success(long index, JsonNode value, ChunkArguments args, int position) {
        try {
            return new Outcome.Success<>(index, value(value));
        } catch (IllegalArgumentException e) {
            return new Outcome.Failure<>(index,
                    new TaskFailedException(jobId, task.name(), index, args.get(position), e.getMessage(), e));
        }
    }

    @SuppressWarnings("unchecked")
    private R value(JsonNode node) {
        return (R) json.readResult(task, node == null ? json.mapper().nullNode() : node);
    }

    /** The arguments of one chunk, read from the store only if an outcome needs them. */
    private final class ChunkArguments {
        private final ChunkOutcomes chunk;
        private JsonNode args;

        ChunkArguments(ChunkOutcomes chunk) {
            this.chunk = chunk;
        }

        /** The argument at {@code position} in the chunk, as JSON text; "?" if it is not stored. */
        String get(int position) {
            if (args == null) {
                args = parse(results.chunkArgs(jobId, chunk.chunkNo()).orElse("[]"), "arguments");
            }
            JsonNode arg = args.get(position);
            return arg == null ? "?" : arg.toString();
        }
    }

    private JsonNode parse(String text, String what) {
        try {
            return json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored " + what + " of job " + jobId + " are not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
