package io.mqpool.engine.store;

/** The job store could not do what was asked; the message says what, the cause says why. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message + ": " + reason(cause), cause);
    }

    public StoreException(String message) {
        super(message);
    }

    /**
     * One line: the deepest cause that explains it, such as "No space left on device", rather
     * than the chain of H2 wrappers around it.
     */
    private static String reason(Throwable cause) {
        Throwable deepest = cause;
        for (Throwable next = cause.getCause(); next != null && next != deepest; next = next.getCause()) {
            deepest = next;
        }
        String text = deepest instanceof java.io.IOException && deepest.getMessage() != null
                ? deepest.getMessage() : cause.getMessage();
        String firstLine = text == null ? cause.getClass().getSimpleName() : text.lines().findFirst().orElse("");
        return firstLine.strip();
    }
}
