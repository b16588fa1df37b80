package io.mqpool.outcome;

/**
 * Outcomes (or settled tasks) whose JSON is not what {@link OutcomeCodec} writes. The message
 * says what is wrong and reads on from the name of what was decoded ("the outcomes of chunk 3 "
 * + message).
 */
public final class MalformedOutcomesException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MalformedOutcomesException(String message) {
        super(message);
    }

    MalformedOutcomesException(String message, Throwable cause) {
        super(message, cause);
    }
}
