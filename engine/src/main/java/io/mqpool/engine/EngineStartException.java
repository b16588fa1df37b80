package io.mqpool.engine;

/** A part of the engine could not start; the message is one line saying which and why. */
public class EngineStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineStartException(String message, Throwable cause) {
        super(message, cause);
    }

    EngineStartException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
