package io.mqpool.supervisor;

import java.time.Instant;

/**
 * A snapshot of one worker.
 *
 * @param id the worker's id, such as {@code w3}; a restarted worker keeps its id
 * @param pid the process id of its current JVM (of the launched process until it is ready)
 * @param startedAt when its current process was launched
 * @param restarts how many times it was restarted after dying
 * @param current the chunk it is running, or null when idle
 * @param tasksDone tasks its current process has finished
 */
public record WorkerView(String id, long pid, WorkerState state, Instant startedAt, int restarts,
                         CurrentChunk current, long tasksDone) {

    /** What a person wants to see: idle, busy, starting, draining, restarting or stopped. */
    public String activity() {
        if (state == WorkerState.RUNNING) {
            return current == null ? "idle" : "busy";
        }
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
