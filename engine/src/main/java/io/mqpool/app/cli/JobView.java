package io.mqpool.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqpool.config.OneLine;

/**
 * A job as {@code GET /api/jobs/{id}} shows it; the fields the CLI prints. Counts are of
 * tasks: {@code done} have an outcome (a result or an error), {@code failed} of them an error;
 * the rest are running or pending. {@code total} and {@code pending} are null while a lazily
 * read input is still being read. {@code priority} is null from a server older than job
 * priorities.
 */
record JobView(String id, String task, String mode, String state, Long total, long done, long failed,
               long running, Long pending, Integer chunksize, String taskTimeout, String timeout,
               Integer retries, String createdAt, String finishedAt, Long elapsedMs, Double ratePerSecond,
               String priority) {

    static final String RUNNING = "RUNNING";
    static final String TIMED_OUT = "TIMED_OUT";
    static final String CANCELLED = "CANCELLED";

    static JobView of(JsonNode node, ObjectMapper json) {
        try {
            return json.treeToValue(node, JobView.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "the server sent a job this client cannot read: "
                    + OneLine.of(e.getMessage()), e);
        }
    }

    /** Tasks with an outcome, a result or an error. */
    long finished() {
        return done;
    }

    /** Tasks yet to finish, or -1 while the total is unknown. */
    long remaining() {
        return total == null ? -1 : Math.max(0, total - done);
    }

    /** The total as shown: {@code ?} while unknown. */
    String totalText() {
        return total == null ? "?" : total.toString();
    }

    boolean ended() {
        return !RUNNING.equals(state);
    }

    /** Tasks per second: the server's figure, else finished tasks over the elapsed time. */
    double rate() {
        if (ratePerSecond != null) {
            return ratePerSecond;
        }
        return elapsedMs == null || elapsedMs <= 0 ? 0 : finished() * 1000.0 / elapsedMs;
    }
}
