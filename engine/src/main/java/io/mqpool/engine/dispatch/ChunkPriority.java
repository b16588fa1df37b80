package io.mqpool.engine.dispatch;

/**
 * The broker priority of a chunk, from how many chunks of its job are in flight when it is
 * sent: the fewer, the higher. The task queue is one queue for every job, and Artemis delivers
 * its higher priorities first; by plain arrival order a job of one task would wait behind the
 * chunks every running job keeps queued (up to 512 each). So each job's first chunk in flight
 * goes out at the highest priority, its second one lower, then halving bands: 2-3, 4-7, ...,
 * 256 and more at the lowest. Chunks at the same depth of different jobs share a priority and
 * go in turn, which shares the workers between running jobs. A job's chunks never go out at a
 * higher priority than its earlier ones (see {@link ActiveJob#priorityOfNext}), so a job's own
 * chunks keep their order.
 */
final class ChunkPriority {

    /** JMS priorities run from 0 to 9; 4 is the default. */
    static final int HIGHEST = 9;

    private ChunkPriority() {
    }

    /** 9 for none in flight, 8 for one, 7 for 2-3, 6 for 4-7, ..., 0 for 256 and more. */
    static int forInFlight(int inFlight) {
        int band = Integer.SIZE - Integer.numberOfLeadingZeros(Math.max(0, inFlight));
        return Math.max(0, HIGHEST - band);
    }
}
