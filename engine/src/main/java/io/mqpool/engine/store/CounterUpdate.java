package io.mqpool.engine.store;

/**
 * The counter's value after an operation, and whether the operation changed it (false for a
 * read, a compare-and-set that found another value, or a keyed add whose key was seen).
 */
public record CounterUpdate(long value, boolean changed) {
}
