package io.mqpool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.TaskJson;
import io.mqpool.store.ChunkOutcomes;
import io.mqpool.store.JobStore;
import java.util.ArrayList;
import java.util.List;

/** Turns a chunk's recorded outcomes JSON back into typed {@link Outcome}s. */
final class OutcomeReader<R> {

    /** The error type the engine settles a timed-out task with. */
    private static final String TIMEOUT_TYPE = TaskTimeoutException.class.getName();

    private final JobStore store;
    private final TaskJson json;
    private final RegisteredTask task;
    private final String jobId;

    OutcomeReader(JobStore store, TaskJson json, RegisteredTask task, String jobId) {
        this.store = store;
        this.json = json;
        this.task = task;
        this.jobId = jobId;
    }

    String jobId() {
        return jobId;
    }

    /** The outcomes of one chunk in index order. Reads the chunk's arguments only if a task failed. */
    List<Outcome<R>> read(ChunkOutcomes chunk) {
        JsonNode outcomes = parse(chunk.outcomesJson(), "outcomes");
        if (!outcomes.isArray() || outcomes.size() != chunk.size()) {
            throw new IllegalStateException("job " + jobId + " chunk " + chunk.chunkNo() + " has "
                    + outcomes.size() + " outcomes for " + chunk.size() + " tasks");
        }
        JsonNode args = null;
        List<Outcome<R>> read = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            long index = chunk.firstIndex() + i;
            JsonNode outcome = outcomes.get(i);
            JsonNode error = outcome.get("error");
            if (error == null) {
                read.add(new Outcome.Success<>(index, value(outcome.get("value"))));
            } else {
                if (args == null) {
                    args = parse(store.chunkArgs(jobId, chunk.chunkNo()).orElse("[]"), "arguments");
                }
                JsonNode arg = args.get(i);
                RemoteTaskException remote = new RemoteTaskException(error.path("type").asText("unknown"),
                        error.path("message").asText(""), error.path("stack").asText(""));
                String argument = arg == null ? "?" : arg.toString();
                read.add(new Outcome.Failure<>(index, TIMEOUT_TYPE.equals(remote.remoteClassName())
                        ? new TaskTimeoutException(jobId, task.name(), index, argument, remote)
                        : new TaskFailedException(jobId, task.name(), index, argument, remote)));
            }
        }
        return read;
    }

    @SuppressWarnings("unchecked")
    private R value(JsonNode node) {
        return (R) json.readResult(task, node == null ? json.mapper().nullNode() : node);
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
