package io.mqpool.engine.dispatch;

import io.mqpool.jobs.JobPriority;

/**
 * The broker priority of a chunk, from its job's {@link JobPriority} and how many chunks of the
 * job are in flight when it is sent. The task queue is one queue for every job, and Artemis
 * delivers its higher priorities first. JMS priorities 0 to 9 are split into one band per job
 * priority: high 7-9, normal 3-6, low 0-2, so every chunk of a higher job goes ahead of a lower
 * one's. Inside its band, the fewer chunks a job has in flight the higher its next one: by
 * plain arrival order a job of one task would wait behind the chunks every running job keeps
 * queued (up to 512 each). So a job's first chunk in flight goes out at the top of its band, its
 * second one lower, then halving ranges (2-3, 4-7, ...) down to the band's floor. Chunks at the
 * same depth of different jobs share a priority and go in turn, which shares the workers
 * between running jobs. A job's chunks never go out at a higher priority than its earlier ones
 * (see {@link ActiveJob#priorityOfNext}), so a job's own chunks keep their order.
 */
final class ChunkPriority {

    /** JMS priorities run from 0 to 9; 4 is the default. */
    static final int HIGHEST = 9;

    private ChunkPriority() {
    }

    /**
     * The top of {@code priority}'s band for none in flight, one lower for one, then for 2-3,
     * 4-7 ..., and never below the band's floor: normal gives 6, 5, 4 and 3 from 4 on.
     */
    static int of(JobPriority priority, int inFlight) {
        int floor = floor(priority);
        int top = priority == JobPriority.HIGH ? HIGHEST : floor(higher(priority)) - 1;
        int depth = Integer.SIZE - Integer.numberOfLeadingZeros(Math.max(0, inFlight));
        return Math.max(floor, top - depth);
    }

    /** The priority a job's first chunk goes out at: the top of its band. */
    static int top(JobPriority priority) {
        return of(priority, 0);
    }

    private static int floor(JobPriority priority) {
        return switch (priority) {
            case LOW -> 0;
            case NORMAL -> 3;
            case HIGH -> 7;
        };
    }

    private static JobPriority higher(JobPriority priority) {
        return JobPriority.values()[priority.ordinal() + 1];
    }
}
