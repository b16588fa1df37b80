package io.mqpool.jobs;

/** A shared counter (or other shared state) could not be read or updated; the message says why in one line. */
public class SharedStateException extends RuntimeException {

    public SharedStateException(String message) {
        super(message);
    }

    public SharedStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
