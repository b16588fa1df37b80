package io.mqpool.engine.store;

import java.time.Instant;

/** A shared counter as stored: its name, its value, and when it last changed. */
public record CounterRow(String name, long value, Instant updatedAt) {
}
