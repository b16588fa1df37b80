package io.mqpool.jobs;

/**
 * The one-line reasons a shared counter or array refuses an operation, worded once for every
 * place that keeps them: the engine's store and the memory of a pool of threads.
 */
public final class SharedRefusals {

    private SharedRefusals() {
    }

    /** Adding {@code delta} to the counter would overflow a long. */
    public static String counterOverflow(String name, long delta) {
        return "adding " + delta + " to counter '" + name + "' overflows a long";
    }

    /** Adding {@code delta} to element {@code index} of the array would overflow a long. */
    public static String elementOverflow(String name, int index, long delta) {
        return "adding " + delta + " to element " + index + " of the shared array '" + name + "' overflows a long";
    }

    /** The array was first used with {@code size} elements and is now asked for with {@code asked}. */
    public static String otherSize(String name, int size, int asked) {
        return "the shared array '" + name + "' has size " + size + ", not " + asked;
    }
}
