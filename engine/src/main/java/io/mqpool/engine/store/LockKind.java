package io.mqpool.engine.store;

import java.util.Locale;

/** What a shared lock row is: a lock (one permit) or a semaphore. */
public enum LockKind {
    LOCK, SEMAPHORE;

    /** The word for it in a message: {@code lock} or {@code semaphore}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
