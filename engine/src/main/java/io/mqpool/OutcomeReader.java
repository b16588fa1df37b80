package io.mqpool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.engine.JobResults;
import io.mqpool.engine.store.ChunkOutcomes;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.TaskJson;
import io.mqpool.outcome.OutcomeCodec;
import io.mqpool.outcome.TaskOutcome;
import java.util.ArrayList;
import java.util.List;

/** Turns a chunk's recorded outcomes back into typed {@link Outcome}s, through the outcome codec. */
final class OutcomeReader<R> {

    /** The error type the engine settles a timed-out task with. */
    private static final String TIMEOUT_TYPE = TaskTimeoutException.class.getName();

    private final JobResults results;
    private final TaskJson json;
    private final RegisteredTask task;
    private final String jobId;
    private final OutcomeCodec codec = new OutcomeCodec();

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
        List<TaskOutcome> outcomes = chunk.decode(codec, jobId);
        ChunkArguments args = new ChunkArguments(chunk);
        List<Outcome<R>> read = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            long index = chunk.firstIndex() + i;
            if (outcomes.get(i) instanceof TaskOutcome.Failure failure) {
                RemoteTaskException remote = new RemoteTaskException(failure);
                String argument = args.get(i);
                read.add(new Outcome.Failure<>(index, TIMEOUT_TYPE.equals(failure.type())
                        ? new TaskTimeoutException(jobId, task.name(), index, argument, remote)
                        : new TaskFailedException(jobId, task.name(), index, argument, remote)));
            } else {
                read.add(success(index, (TaskOutcome.Value) outcomes.get(i), args, i));
            }
        }
        return read;
    }

    /** A task's result, or the failure of that one task if its JSON does not bind to the task's {@code R}. */
    private Outcome<R> success(long index, TaskOutcome.Value value, ChunkArguments args, int position) {
        try {
            return new Outcome.Success<>(index, value(value));
        } catch (IllegalArgumentException e) {
            return new Outcome.Failure<>(index,
                    new TaskFailedException(jobId, task.name(), index, args.get(position), e.getMessage(), e));
        }
    }

    /** The caller asked for an {@code R}: here, and only here, a value is read into Java. */
    @SuppressWarnings("unchecked")
    private R value(TaskOutcome.Value value) {
        return (R) json.readResult(task, parse(value.json(), "results"));
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
