package io.mqpool.config;

import java.net.ConnectException;

/** Errors as people read them in one line of output: the first line of a message, the first message of a cause chain. */
public final class OneLine {

    private OneLine() {
    }

    /** The first line of {@code text}, trimmed. */
    public static String of(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }

    /** The first line of {@code error}'s own message, or its class's simple name when it has none. */
    public static String messageOf(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : of(message);
    }

    /**
     * The first line of the first message in {@code error}'s cause chain, or its class's simple
     * name when none has one (the JDK's {@link ConnectException} often has none: "connection refused").
     */
    public static String reasonOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return of(t.getMessage());
            }
        }
        return error instanceof ConnectException ? "connection refused" : error.getClass().getSimpleName();
    }
}
