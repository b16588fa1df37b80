package io.mqpool.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.mqpool.store.ChunkOutcomes;
import java.util.List;

/** Turns a chunk's stored outcomes (a JSON array, one per task) into {@link ResultItem}s. */
final class OutcomeItems {

    private final ObjectMapper mapper;

    OutcomeItems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Adds the chunk's outcomes to {@code into} in index order; with {@code onlyFailed} only the
     * failed ones.
     *
     * @throws IllegalStateException if the stored outcomes are not JSON
     */
    void expand(String jobId, ChunkOutcomes chunk, boolean onlyFailed, List<ResultItem> into) {
        if (onlyFailed && chunk.failures() == 0) {
            return;
        }
        JsonNode outcomes;
        try {
            outcomes = mapper.readTree(chunk.outcomesJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored outcomes of job " + jobId + " chunk " + chunk.chunkNo()
                    + " are not JSON: " + e.getOriginalMessage(), e);
        }
        for (int i = 0; i < outcomes.size(); i++) {
            JsonNode outcome = outcomes.get(i);
            JsonNode error = outcome.get("error");
            long index = chunk.firstIndex() + i;
            if (error != null) {
                into.add(new ResultItem(index, null, error));
            } else if (!onlyFailed) {
                into.add(new ResultItem(index, outcome.has("value") ? outcome.get("value") : NullNode.getInstance(),
                        null));
            }
        }
    }
}
