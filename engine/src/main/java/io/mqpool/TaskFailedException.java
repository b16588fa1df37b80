package io.mqpool;

/**
 * A task threw in its worker, or returned a result that does not bind to its declared result
 * type. Carries where it happened (job, task index, argument) and what went wrong: for a task
 * that threw, the cause is a {@link RemoteTaskException} with the worker's stack trace; for a
 * result that does not bind, the cause is the {@link IllegalArgumentException} of the binding
 * and the message says what did not fit.
 */
public class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String jobId;
    private final String taskName;
    private final long taskIndex;
    private final String argument;

    TaskFailedException(String jobId, String taskName, long taskIndex, String argument, RemoteTaskException cause) {
        super("task " + taskIndex + " of " + taskName + " failed: " + cause.getMessage()
                + " (argument " + abbreviate(argument) + ", job " + jobId + ")", cause);
        this.jobId = jobId;
        this.taskName = taskName;
        this.taskIndex = taskIndex;
        this.argument = argument;
    }

    /** A task whose result came back but does not bind to the task's result type. */
    TaskFailedException(String jobId, String taskName, long taskIndex, String argument, String problem,
                        IllegalArgumentException cause) {
        super("task " + taskIndex + " of " + taskName + " failed: " + problem
                + " (argument " + abbreviate(argument) + ", job " + jobId + ")", cause);
        this.jobId = jobId;
        this.taskName = taskName;
        this.taskIndex = taskIndex;
        this.argument = argument;
    }

    public String jobId() {
        return jobId;
    }

    public String taskName() {
        return taskName;
    }

    /** The failed task's position in the job's input, from 0. */
    public long taskIndex() {
        return taskIndex;
    }

    /** The task's argument, as JSON. */
    public String argument() {
        return argument;
    }

    /** The class of what the task threw; for a result that does not bind, the binding's exception class. */
    public String remoteClassName() {
        return getCause() instanceof RemoteTaskException remote ? remote.remoteClassName()
                : getCause().getClass().getName();
    }

    /** What the task threw said; for a result that does not bind, what did not fit. */
    public String remoteMessage() {
        return getCause() instanceof RemoteTaskException remote ? remote.remoteMessage() : getCause().getMessage();
    }

    /** The worker's stack trace; empty for a result that does not bind (nothing failed there). */
    public String remoteStackTrace() {
        return getCause() instanceof RemoteTaskException remote ? remote.remoteStackTrace() : "";
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
