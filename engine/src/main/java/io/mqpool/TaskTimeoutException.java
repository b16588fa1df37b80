package io.mqpool;

/**
 * A task ran past its task timeout ({@link JobOptions#taskTimeout()}) more often than the
 * job's retries allow; each time, the worker running it was stopped and replaced.
 */
public class TaskTimeoutException extends TaskFailedException {
    private static final long serialVersionUID = 1L;

    TaskTimeoutException(String jobId, String taskName, long taskIndex, String argument, RemoteTaskException cause) {
        super(jobId, taskName, taskIndex, argument, cause);
    }
}
