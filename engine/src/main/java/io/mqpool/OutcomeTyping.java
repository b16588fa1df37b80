package io.mqpool;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.TaskJson;
import io.mqpool.outcome.TaskOutcome;
import java.util.function.Supplier;

/**
 * Turns one task's outcome as a worker recorded it (JSON, or a failure record) into the typed
 * {@link Outcome} a caller sees, the same way whichever pool ran the task. Thread-safe.
 */
final class OutcomeTyping<R> {

    /** The error type a task that ran past its task timeout is settled with. */
    private static final String TIMEOUT_TYPE = TaskTimeoutException.class.getName();

    private final TaskJson json;
    private final RegisteredTask task;
    private final String jobId;

    OutcomeTyping(TaskJson json, RegisteredTask task, String jobId) {
        this.json = json;
        this.task = task;
        this.jobId = jobId;
    }

    String jobId() {
        return jobId;
    }

    /**
     * The outcome of task {@code index}. A result whose JSON does not bind to the task's
     * {@code R} is a failure of that task.
     *
     * @param argument the task's argument as JSON text, asked for only if the task failed
     */
    Outcome<R> typed(long index, TaskOutcome outcome, Supplier<String> argument) {
        if (outcome instanceof TaskOutcome.Failure failure) {
            RemoteTaskException remote = new RemoteTaskException(failure);
            return new Outcome.Failure<>(index, TIMEOUT_TYPE.equals(failure.type())
                    ? new TaskTimeoutException(jobId, task.name(), index, argument.get(), remote)
                    : new TaskFailedException(jobId, task.name(), index, argument.get(), remote));
        }
        try {
            return new Outcome.Success<>(index, value((TaskOutcome.Value) outcome));
        } catch (IllegalArgumentException e) {
            return new Outcome.Failure<>(index,
                    new TaskFailedException(jobId, task.name(), index, argument.get(), e.getMessage(), e));
        }
    }

    /** The caller asked for an {@code R}: here, and only here, a value is read into Java. */
    @SuppressWarnings("unchecked")
    private R value(TaskOutcome.Value value) {
        try {
            return (R) json.readResult(task, json.mapper().readTree(value.json()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the results of job " + jobId + " are not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
