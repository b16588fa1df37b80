package io.mqpool.engine.store;

/**
 * One operation on a shared counter, for {@link SharedCounters#applyAll}.
 *
 * @param value the new value (SET, CAS) or the delta (ADD, ADD_ONCE); unused by GET
 * @param expected the value CAS expects
 * @param key the update's key for ADD_ONCE
 */
public record CounterOp(Kind kind, String name, long value, long expected, String key) {

    /** What the operation does. */
    public enum Kind { GET, SET, ADD, CAS, ADD_ONCE }
}
