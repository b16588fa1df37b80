package io.mqpool.jobs;

import java.util.Map;
import java.util.Optional;

/**
 * A small dictionary shared under one name by every task of a pool (or of a server) and its
 * caller: the seed's {@code Manager().dict()}, kept in the engine's store. Keys are strings of
 * 1 to 200 characters; values are anything that encodes as JSON (at most 1,000,000 characters
 * of it), read back as the type asked for. Each call is one atomic step, durable once it returns.
 *
 * @throws SharedStateException from any method, when the engine cannot be reached or refuses
 */
public interface SharedMap {

    /** The map's name. */
    String name();

    /** The value under {@code key}, bound to {@code type}; empty when there is none. */
    <T> Optional<T> get(String key, Class<T> type);

    /** Puts {@code value} under {@code key}, replacing what was there. */
    void put(String key, Object value);

    /** Puts {@code value} under {@code key} unless there is a value already; returns whether it did. */
    boolean putIfAbsent(String key, Object value);

    /** Removes the value under {@code key}; returns whether there was one. */
    boolean remove(String key);

    /** Every entry, by key in key order, each value as JSON binds it to plain Java (maps, lists, numbers, strings). */
    Map<String, Object> snapshot();
}
