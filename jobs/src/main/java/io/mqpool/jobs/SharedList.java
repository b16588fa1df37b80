package io.mqpool.jobs;

import java.util.List;

/**
 * A list shared under one name by every task of a pool (or of a server) and its caller: the
 * seed's {@code Manager().list()}, appended to and read, kept in the engine's store. Items are
 * anything that encodes as JSON (at most 1,000,000 characters each). Each call is one atomic
 * step, durable once it returns; concurrent appends from many workers all land, in some order.
 *
 * @throws SharedStateException from any method, when the engine cannot be reached or refuses
 */
public interface SharedList {

    /** The list's name. */
    String name();

    /** Appends {@code item}; returns the list's size after it. */
    long append(Object item);

    /**
     * The item at {@code index}, bound to {@code type}.
     *
     * @throws SharedStateException when the index is outside the list
     */
    <T> T get(long index, Class<T> type);

    /** How many items the list has. */
    long size();

    /** Every item in order, each as JSON binds it to plain Java (maps, lists, numbers, strings). */
    List<Object> snapshot();
}
