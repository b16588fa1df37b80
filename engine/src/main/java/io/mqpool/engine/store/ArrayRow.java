package io.mqpool.engine.store;

import java.time.Instant;

/** A shared array's name, its size, and when an element of it last changed. */
public record ArrayRow(String name, int size, Instant updatedAt) {
}
