package io.mqpool.broker;

import io.mqpool.config.OneLine;
import jakarta.jms.JMSException;
import java.util.Objects;

/**
 * The task queue of a broker in another process ({@code mqpool broker}, or a plain Artemis
 * broker): a job's queued chunks are removed by a consumer whose selector picks that job's,
 * receiving until none is left, in transactions of {@value #BATCH} chunks.
 */
public final class RemoteQueuedChunks implements QueuedChunks {

    /** Chunks removed per transaction, so a huge job's are not all held in one. */
    static final int BATCH = 500;

    private final BrokerConnection connection;

    /** @param connection a connection with the right to consume from {@link Queues#TASKS} */
    public RemoteQueuedChunks(BrokerConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * {@inheritDoc}
     *
     * <p>Blocks for a round trip per chunk batch. Should a transaction fail, its chunks are not
     * lost but go to the retry queue (the task queue delivers once), where the engine drops the
     * chunks of a finished job.
     */
    @Override
    public int removeQueuedChunks(String jobId) {
        String selector = WireCodec.JOB + " = '" + jobId.replace("'", "''") + "'";
        QueueDrain drain = new QueueDrain(Queues.TASKS, selector, BATCH);
        try {
            return (int) drain.run(connection);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot remove the queued chunks of job " + jobId + " (" + drain.removed()
                    + " removed): " + OneLine.messageOf(e), e);
        }
    }
}
