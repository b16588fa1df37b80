package io.mqpool.supervisor;

import java.time.Instant;

/**
 * A snapshot of one worker.
 *
 * @param id the worker's id, such as {@code w3}; a restarted worker keeps its id
 * @param pid the process id of its current JVM (of the launched process until it is ready)
 * @param startedAt when its current process was launched
 * @param restarts how many times it was restarted after dying
 */
public record WorkerView(String id, long pid, WorkerState state, Instant startedAt, int restarts) {
}
