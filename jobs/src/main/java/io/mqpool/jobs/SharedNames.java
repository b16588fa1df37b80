package io.mqpool.jobs;

import java.time.Duration;

/** The rule every shared-state name follows, checked where a name enters: the task's side and the caller's. */
public final class SharedNames {

    /** The longest name, in characters. */
    public static final int MAX_LENGTH = 200;
    /** The most elements a shared array may have. */
    public static final int MAX_ARRAY_SIZE = 100_000;

    private SharedNames() {
    }

    /**
     * Returns {@code name} if it is usable.
     *
     * @throws IllegalArgumentException in one line saying what is wrong
     */
    public static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("shared state needs a name, such as \"sum\"");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the shared name '" + name.substring(0, 20)
                    + "…' is " + name.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        return name;
    }

    /**
     * Returns {@code size} if a shared array may have it.
     *
     * @throws IllegalArgumentException in one line naming the array
     */
    public static int checkSize(String name, int size) {
        if (size < 1 || size > MAX_ARRAY_SIZE) {
            throw new IllegalArgumentException("the shared array '" + name + "' needs a size from 1 to "
                    + MAX_ARRAY_SIZE + ", not " + size);
        }
        return size;
    }

    /**
     * Returns {@code index} if it is inside an array of {@code size}.
     *
     * @throws IndexOutOfBoundsException in one line naming the array
     */
    public static int checkIndex(String name, int size, int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is outside the shared array '" + name
                    + "' of size " + size);
        }
        return index;
    }

    /** The most permits a shared semaphore may have. */
    public static final int MAX_PERMITS = 1_000_000;

    /**
     * Returns {@code permits} if a shared semaphore may have it.
     *
     * @throws IllegalArgumentException in one line naming the semaphore
     */
    public static int checkPermits(String name, int permits) {
        if (permits < 1 || permits > MAX_PERMITS) {
            throw new IllegalArgumentException("the shared semaphore '" + name + "' needs 1 to " + MAX_PERMITS
                    + " permits, not " + permits);
        }
        return permits;
    }

    /**
     * Returns {@code wait} if a lock or semaphore may be waited for that long.
     *
     * @throws IllegalArgumentException in one line naming the lock or semaphore
     */
    public static Duration checkWait(String name, Duration wait) {
        if (wait == null || wait.isNegative()) {
            throw new IllegalArgumentException("waiting for '" + name + "' needs a wait of 0 or more, not " + wait);
        }
        return wait;
    }

    /** The longest JSON text a shared map value or list item may have, in characters. */
    public static final int MAX_JSON_CHARS = 1_000_000;

    /**
     * Returns {@code key} if a shared map may have it.
     *
     * @throws IllegalArgumentException in one line naming the map
     */
    public static String checkKey(String name, String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a key of the shared map '" + name + "' needs 1 to " + MAX_LENGTH
                    + " characters, not " + (key == null ? "null" : key.length()));
        }
        return key;
    }

    /**
     * Returns {@code json} if it is short enough to share.
     *
     * @throws IllegalArgumentException in one line naming the map or list
     */
    public static String checkJson(String name, String json) {
        if (json.length() > MAX_JSON_CHARS) {
            throw new IllegalArgumentException("a value of " + json.length() + " characters of JSON is too big for '"
                    + name + "': at most " + MAX_JSON_CHARS + " are shared");
        }
        return json;
    }
}
