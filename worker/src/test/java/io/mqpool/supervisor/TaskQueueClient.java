package io.mqpool.supervisor;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.ChunkResult;
import io.mqpool.broker.EmbeddedBroker;
import io.mqpool.broker.Queues;
import io.mqpool.broker.TaskChunk;
import io.mqpool.broker.WireCodec;
import io.mqpool.outcome.OutcomeCodec;
import io.mqpool.outcome.TaskOutcome;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.List;

/** The engine's side of the queues, for tests of workers: sends chunks, takes their results. */
final class TaskQueueClient implements AutoCloseable {

    private static final WireCodec CODEC = new WireCodec();
    private static final OutcomeCodec OUTCOMES = new OutcomeCodec();

    private final EmbeddedBroker broker;
    private final BrokerConnection connection;
    private final Session session;

    TaskQueueClient(EmbeddedBroker broker) throws JMSException {
        this.broker = broker;
        connection = BrokerConnection.connect(broker.inVmUrl(), 0);
        session = connection.openTransactedSession();
    }

    Session session() {
        return session;
    }

    /** Sends the chunks in one transaction. */
    void send(TaskChunk... chunks) throws JMSException {
        try (MessageProducer producer = Queues.producer(session, Queues.TASKS)) {
            for (TaskChunk chunk : chunks) {
                producer.send(CODEC.encode(session, chunk));
            }
            session.commit();
        }
    }

    /** The next result, or null if none arrives within {@code timeout}. */
    ChunkResult awaitResult(Duration timeout) throws Exception {
        Message message = take(Queues.RESULTS, timeout);
        return message == null ? null : CODEC.decodeResult(message);
    }

    /** The outcomes a result carries, read as the engine reads them. */
    static List<TaskOutcome> outcomes(ChunkResult result) {
        return OUTCOMES.decode(result.outcomes(), result.size());
    }

    /** The first outcome of a result, a whole number the task returned. */
    static long firstValue(ChunkResult result) {
        return Long.parseLong(((TaskOutcome.Value) outcomes(result).get(0)).json());
    }

    /** The next chunk on the retry queue, where chunks of dead workers land; null if none. */
    TaskChunk awaitRetry(Duration timeout) throws Exception {
        Message message = take(Queues.RETRY, timeout);
        return message == null ? null : CODEC.decodeChunk(message);
    }

    /** Messages waiting on {@code queue}, delivered or not. */
    long messageCount(String queue) {
        return broker.messageCount(queue);
    }

    private Message take(String queue, Duration timeout) throws JMSException {
        try (MessageConsumer consumer = Queues.consumer(session, queue)) {
            Message message = consumer.receive(timeout.toMillis());
            if (message != null) {
                session.commit();
            }
            return message;
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
