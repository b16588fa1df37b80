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

    private final JobResults results;
    private final TaskJson json;
    private final String jobId;
    private final OutcomeTyping<R> typing;
    private final OutcomeCodec codec = new OutcomeCodec();

    OutcomeReader(JobResults results, TaskJson json, RegisteredTask task, String jobId) {
        this.results = results;
        this.json = json;
        this.jobId = jobId;
        this.typing = new OutcomeTyping<>(json, task, jobId);
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
            int position = i;
            read.add(typing.typed(chunk.firstIndex() + i, outcomes.get(i), () -> args.get(position)));
        }
        return read;
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
                args = parse(results.chunkArgs(jobId, chunk.chunkNo()).orElse("[]"));
            }
            JsonNode arg = args.get(position);
            return arg == null ? "?" : arg.toString();
        }
    }

    private JsonNode parse(String text) {
        try {
            return json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored arguments of job " + jobId + " are not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
