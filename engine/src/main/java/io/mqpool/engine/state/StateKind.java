package io.mqpool.engine.state;

import java.util.Arrays;
import java.util.Locale;

/** The kinds of shared state, as the HTTP API and the CLI name them. */
public enum StateKind {
    COUNTER, ARRAY, MAP, LIST, LOCK, SEMAPHORE;

    /** Its name in the API: {@code counter}, {@code array}, … */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind a word names.
     *
     * @throws IllegalArgumentException in one line listing the words there are
     */
    public static StateKind of(String word) {
        for (StateKind kind : values()) {
            if (kind.word().equals(word)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind must be one of " + Arrays.stream(values()).map(StateKind::word).toList()
                + ", not '" + word + "'");
    }
}
