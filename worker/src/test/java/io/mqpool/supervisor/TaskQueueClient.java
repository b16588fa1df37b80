package io.mqpool.supervisor;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.ChunkResult;
import io.mqpool.broker.Queues;
import io.mqpool.broker.TaskChunk;
import io.mqpool.broker.WireCodec;
import io.mqpool.outcome.OutcomeCodec;
import io.mqpool.outcome.TaskOutcome;
import java.time.Duration;
import java.util.List;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;

/** The engine's side of the queues, for tests of workers: sends chunks, takes their results. */
final class TaskQueueClient implements AutoCloseable {

    private static final WireCodec CODEC = new WireCodec();
    private static final OutcomeCodec OUTCOMES = new OutcomeCodec();

    private final BrokerConnection connection;
    private final ClientSession session;

    TaskQueueClient(String brokerUrl) throws ActiveMQException {
        connection = BrokerConnection.connect(brokerUrl, 0);
        session = connection.openTransactedSession();
    }

    ClientSession session() {
        return session;
    }

    /** Sends the chunks in one transaction. */
    void send(TaskChunk... chunks) throws ActiveMQException {
        try (ClientProducer producer = session.createProducer(Queues.TASKS)) {
            for (TaskChunk chunk : chunks) {
                producer.send(CODEC.encode(session, chunk));
            }
            session.commit();
        }
    }

    /** The next result, or null if none arrives within {@code timeout}. */
    ChunkResult awaitResult(Duration timeout) throws Exception {
        ClientMessage message = take(Queues.RESULTS, timeout);
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
        ClientMessage message = take(Queues.RETRY, timeout);
        return message == null ? null : CODEC.decodeChunk(message);
    }

    /** Messages waiting on {@code queue}, delivered or not. */
    long messageCount(String queue) throws ActiveMQException {
        return session.queueQuery(SimpleString.of(queue))
                .getMessageCount();
    }

    private ClientMessage take(String queue, Duration timeout) throws ActiveMQException {
        try (ClientConsumer consumer = session.createConsumer(queue)) {
            ClientMessage message = consumer.receive(timeout.toMillis());
            if (message != null) {
                message.acknowledge();
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
