package io.mqpool;

/**
 * A task threw in its worker. Carries where it happened (job, task index, argument) and what
 * was thrown; the cause is a {@link RemoteTaskException} with the worker's stack trace.
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

    public String remoteClassName() {
        return remote().remoteClassName();
    }

    public String remoteMessage() {
        return remote().remoteMessage();
    }

    public String remoteStackTrace() {
        return remote().remoteStackTrace();
    }

    private RemoteTaskException remote() {
        return (RemoteTaskException) getCause();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
