package io.mqpool.engine.store;

import java.util.List;

/**
 * How long a job's tasks took, as a histogram: {@code counts.get(i)} tasks took at most
 * {@code boundsMs.get(i)} ms (and more than the bound before); the last count is of the tasks
 * above the last bound.
 */
public record TaskDurations(List<Long> boundsMs, List<Long> counts) {

    public TaskDurations {
        boundsMs = List.copyOf(boundsMs);
        counts = List.copyOf(counts);
    }
}
