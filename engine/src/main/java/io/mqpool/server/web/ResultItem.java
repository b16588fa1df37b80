package io.mqpool.server.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.mqpool.engine.store.ChunkRun;
import io.mqpool.engine.store.TaskAttempts;
import io.mqpool.outcome.TaskOutcome;

/**
 * One task's outcome as the API shows it: {@code {"index": 0, "value": ...}} with the value as the
 * worker wrote it, or {@code {"index": 3, "error": {"type", "message", "stack"}}}; with
 * {@code runs=true}, also how it ran: {@code "run": {"worker", "startedAtMs", "finishedAtMs",
 * "attempt", "exit"}}.
 *
 * @param value the result's JSON text, written out as it is; null for a failure
 * @param run how the task ran; null unless asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ResultItem(long index, @JsonRawValue String value, Error error, Run run) {

    static ResultItem of(long index, TaskOutcome outcome) {
        return outcome instanceof TaskOutcome.Failure failure
                ? new ResultItem(index, null, new Error(failure.type(), failure.message(), failure.stackTrace()), null)
                : new ResultItem(index, ((TaskOutcome.Value) outcome).json(), null, null);
    }

    /** This item with how its task ran: {@code attempts} null for a task that never took a worker down. */
    ResultItem withRun(ChunkRun chunk, TaskOutcome outcome, TaskAttempts attempts) {
        int died = attempts == null ? 0 : attempts.deaths();
        String exit = attempts == null ? null : attempts.lastExit();
        boolean settledByDeath = false;
        if (outcome instanceof TaskOutcome.Failure failure) {
            // The engine's own failures (io.mqpool.*) after deaths end on the last death: no run after it.
            settledByDeath = failure.type().startsWith("io.mqpool.") && died > 0;
            exit = failure.exit() != null ? failure.exit() : exit;
        }
        return new ResultItem(index, value, error, new Run(chunk.workerId(), chunk.startedAtMs(),
                chunk.finishedAtMs(), settledByDeath ? died : died + 1, exit));
    }

    /**
     * How a task ran: the worker and times of its chunk (at chunksize 1 the task's own), which
     * attempt the outcome is of (each worker death under the task counts one), and how the last
     * worker that died under it ended ({@code signal 9}, {@code code 1}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Run(String worker, Long startedAtMs, Long finishedAtMs, int attempt, String exit) {
    }

    /** How a task failed, with its stack trace printed as the worker's exception prints it. */
    record Error(String type, String message, String stack) {
    }
}
