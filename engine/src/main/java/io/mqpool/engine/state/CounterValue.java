package io.mqpool.engine.state;

import java.time.Instant;

/** A shared counter's name, value, and when it last changed. */
public record CounterValue(String name, long value, Instant updatedAt) {
}
