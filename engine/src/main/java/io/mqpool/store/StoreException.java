package io.mqpool.store;

/** The job store could not do what was asked; the message says what, the cause says why. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
