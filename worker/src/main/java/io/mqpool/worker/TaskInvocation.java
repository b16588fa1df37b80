package io.mqpool.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskJson;
import io.mqpool.outcome.TaskOutcome;
import io.mqpool.outcome.TaskOutcome.Failure;

/**
 * Runs one task on its JSON argument and turns what happened into the task's outcome. It is the
 * one way a task is run, in a worker process and on the threads of {@code Pool.threads}, so
 * that a task binds its argument, fails and has its result checked the same in both.
 * Thread-safe.
 */
public final class TaskInvocation {

    private final TaskJson json;

    public TaskInvocation(TaskJson json) {
        this.json = json;
    }

    /**
     * Binds {@code argument} to the task's {@code A}, calls the task and encodes its result as
     * JSON. Blocks for as long as the task runs; never throws for what the task does, which
     * becomes a failed outcome: an argument that does not bind, an exception, an interrupt the
     * task gave up on (the interrupt flag is cleared, so the next task does not inherit it), a
     * result that is not JSON or is over {@link TaskJson#MAX_VALUE_CHARS}.
     *
     * @throws VirtualMachineError other than {@link StackOverflowError}: a broken JVM, which a
     *     task cannot be blamed for
     */
    public TaskOutcome run(RegisteredTask task, JsonNode argument, TaskContext context) {
        Object result;
        try {
            Object bound = json.bindArgument(task, argument);
            result = task.instance().call(bound, context);
        } catch (InterruptedException e) {
            Thread.interrupted();
            return Failure.of(e);
        } catch (Throwable e) {
            // Errors a task can cause (StackOverflowError, NoClassDefFoundError, ...) fail the
            // task; only a broken JVM (OutOfMemoryError, InternalError) goes on up.
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (VirtualMachineError) e;
            }
            return Failure.of(e);
        }
        try {
            JsonNode value = json.toJson(result);
            checkSize(value);
            return new TaskOutcome.Value(value.toString());
        } catch (IllegalArgumentException e) {
            return Failure.of(new IllegalArgumentException("the result of task " + task.name()
                    + " (" + (result == null ? "null" : "a " + result.getClass().getName()) + ") could not be turned into JSON: "
                    + e.getMessage(), e));
        }
    }

    /** Refuses a result over {@link TaskJson#MAX_VALUE_CHARS}; small scalars are not measured. */
    private static void checkSize(JsonNode value) {
        long chars;
        if (value.isTextual()) {
            chars = value.textValue().length();
        } else if (value.isContainerNode()) {
            chars = value.toString().length();
        } else {
            return;
        }
        if (chars > TaskJson.MAX_VALUE_CHARS) {
            throw new IllegalArgumentException(chars + " characters of JSON, over the limit of "
                    + TaskJson.MAX_VALUE_CHARS + " per result");
        }
    }
}
