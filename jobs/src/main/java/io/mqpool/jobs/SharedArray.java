package io.mqpool.jobs;

/**
 * A fixed number of whole numbers shared under one name by every task of a pool (or of a
 * server) and its caller: Python's {@code multiprocessing.Array('i', size)}. Each call is one
 * atomic update made in the engine's store, durable once it returns; every element starts at 0.
 *
 * @throws SharedStateException from any method, when the engine cannot be reached or refuses
 */
public interface SharedArray {

    /** The array's name. */
    String name();

    /** How many elements it has; fixed when it is first used. */
    int size();

    /** @throws IndexOutOfBoundsException for an index outside 0 to size - 1 */
    long get(int index);

    /** @throws IndexOutOfBoundsException for an index outside 0 to size - 1 */
    void set(int index, long value);

    /**
     * Adds {@code delta} to one element and returns its value after it.
     *
     * @throws IndexOutOfBoundsException for an index outside 0 to size - 1
     */
    long addAndGet(int index, long delta);

    /** Every element, read in one step. */
    long[] snapshot();
}
