package io.mqpool.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqpool.engine.store.FailedChunk;
import io.mqpool.outcome.MalformedOutcomesException;
import io.mqpool.outcome.OutcomeCodec;
import io.mqpool.outcome.TaskOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The failed tasks of a job, gathered chunk by chunk: each one's argument as JSON text and its
 * index in the job, in index order.
 */
final class FailedTasks {

    private final ObjectMapper mapper;
    private final OutcomeCodec codec = new OutcomeCodec();
    private final List<String> args = new ArrayList<>();
    private final List<Long> indexes = new ArrayList<>();

    FailedTasks(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Adds the failed tasks of one chunk; chunks must come in chunk order.
     *
     * @throws IllegalStateException if the stored arguments are not a JSON array, or the outcomes
     *     not one per argument
     */
    void add(String jobId, FailedChunk chunk) {
        JsonNode chunkArgs = array(jobId, chunk, chunk.argsJson(), "arguments");
        List<TaskOutcome> outcomes;
        try {
            outcomes = codec.decode(chunk.outcomes(), chunkArgs.size());
        } catch (MalformedOutcomesException e) {
            throw new IllegalStateException("the stored outcomes of job " + jobId + " chunk " + chunk.chunkNo() + " "
                    + e.getMessage() + " (it has " + chunkArgs.size() + " arguments)", e);
        }
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof TaskOutcome.Failure) {
                args.add(chunkArgs.get(i).toString());
                indexes.add(chunk.firstIndex() + i);
            }
        }
    }

    /** The failed tasks' arguments, as JSON text, in index order. */
    List<String> args() {
        return args;
    }

    /** The failed tasks' indexes in their job, ascending. */
    List<Long> indexes() {
        return indexes;
    }

    private JsonNode array(String jobId, FailedChunk chunk, String json, String what) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node != null && node.isArray()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // Reported below.
        }
        throw new IllegalStateException("the stored " + what + " of job " + jobId + " chunk " + chunk.chunkNo()
                + " are not a JSON array");
    }
}
