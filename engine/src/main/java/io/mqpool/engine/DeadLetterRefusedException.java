package io.mqpool.engine;

/** A dead letter cannot be sent again: it is no task chunk, or its job is not running. The message says which, in one line. */
public final class DeadLetterRefusedException extends RuntimeException {

    DeadLetterRefusedException(String message) {
        super(message);
    }
}
