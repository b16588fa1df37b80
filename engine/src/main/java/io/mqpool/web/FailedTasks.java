package io.mqpool.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqpool.store.FailedChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * The failed tasks of a job, gathered chunk by chunk: each one's argument as JSON text and its
 * index in the job, in index order.
 */
final class FailedTasks {

    private final ObjectMapper mapper;
    private final List<String> args = new ArrayList<>();
    private final List<Long> indexes = new ArrayList<>();

    FailedTasks(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Adds the failed tasks of one chunk; chunks must come in chunk order.
     *
     * @throws IllegalStateException if the stored arguments or outcomes are not JSON arrays of
     *     the same length
     */
    void add(String jobId, FailedChunk chunk) {
        JsonNode chunkArgs = array(jobId, chunk, chunk.argsJson(), "arguments");
        JsonNode outcomes = array(jobId, chunk, chunk.outcomesJson(), "outcomes");
        if (chunkArgs.size() != outcomes.size()) {
            throw new IllegalStateException("job " + jobId + " chunk " + chunk.chunkNo() + " has "
                    + chunkArgs.size() + " arguments but " + outcomes.size() + " outcomes");
        }
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).has("error")) {
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
