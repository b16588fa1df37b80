package io.mqpool;

/**
 * A job ran past its job timeout ({@link JobOptions#jobTimeout()}): its remaining tasks were
 * cancelled. Outcomes recorded before the deadline stay in the store.
 */
public class JobTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String jobId;

    JobTimeoutException(String jobId) {
        super("job " + jobId + " ran past its job timeout; its remaining tasks were cancelled");
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
