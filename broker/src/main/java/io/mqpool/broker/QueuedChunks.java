package io.mqpool.broker;

/**
 * The chunks that wait in a broker's task queue, as far as ending a job needs them: the
 * embedded broker filters them out on its side ({@link EmbeddedBroker}), a broker in another
 * process is drained of them through Jakarta Messaging ({@link RemoteQueuedChunks}).
 */
public interface QueuedChunks {

    /**
     * Removes a job's chunks that wait in the task queue; chunks a worker already holds are
     * not touched. Blocks while the queue is scanned.
     *
     * @return how many chunks were removed
     * @throws IllegalStateException if the queue cannot be filtered or drained
     */
    int removeQueuedChunks(String jobId);
}
