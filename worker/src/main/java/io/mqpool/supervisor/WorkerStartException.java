package io.mqpool.supervisor;

/** A worker process could not be started or did not become ready. One line, with the id. */
public class WorkerStartException extends RuntimeException {

    public WorkerStartException(String message) {
        super(message);
    }

    public WorkerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
