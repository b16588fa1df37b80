package io.mqpool.jobs;

/** The rule every shared-state name follows, checked where a name enters: the task's side and the caller's. */
public final class SharedNames {

    /** The longest name, in characters. */
    public static final int MAX_LENGTH = 200;

    private SharedNames() {
    }

    /**
     * Returns {@code name} if it is usable.
     *
     * @throws IllegalArgumentException in one line saying what is wrong
     */
    public static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a shared counter needs a name, such as \"sum\"");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the shared counter name '" + name.substring(0, 20)
                    + "…' is " + name.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        return name;
    }
}
