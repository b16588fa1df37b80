package io.mqpool.server.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.mqpool.outcome.TaskOutcome;

/**
 * One task's outcome as the API shows it: {@code {"index": 0, "value": ...}} with the value as the
 * worker wrote it, or {@code {"index": 3, "error": {"type", "message", "stack"}}}.
 *
 * @param value the result's JSON text, written out as it is; null for a failure
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ResultItem(long index, @JsonRawValue String value, Error error) {

    static ResultItem of(long index, TaskOutcome outcome) {
        return outcome instanceof TaskOutcome.Failure failure
                ? new ResultItem(index, null, new Error(failure.type(), failure.message(), failure.stackTrace()))
                : new ResultItem(index, ((TaskOutcome.Value) outcome).json(), null);
    }

    /** How a task failed, with its stack trace printed as the worker's exception prints it. */
    record Error(String type, String message, String stack) {
    }
}
