package io.mqpool.engine.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.EmbeddedBroker;
import io.mqpool.broker.Queues;
import io.mqpool.broker.TaskChunk;
import io.mqpool.broker.WireCodec;
import io.mqpool.config.BrokerSettings;
import io.mqpool.engine.store.JobStore;
import io.mqpool.engine.store.NewChunk;
import io.mqpool.engine.store.NewJob;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher against a real broker and a real H2 store. */
class DispatcherIT {

    private static final WireCodec CODEC = new WireCodec();

    @TempDir
    Path dir;

    @Test
    void chunksTheBrokerAlreadyHasAreNotSentTwiceAndTheRestStillGoOut() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(new BrokerSettings("127.0.0.1", 0, 100, 0, 10),
                dir.resolve("broker"));
             JobStore store = JobStore.open(dir.resolve("db"), Clock.systemUTC());
             BrokerConnection connection = BrokerConnection.connect(broker.inVmUrl(), -1);
             Session session = connection.openTransactedSession()) {
            List<NewChunk> chunks = List.of(new NewChunk(0, 0, 1, "[0]"), new NewChunk(1, 1, 1, "[1]"),
                    new NewChunk(2, 2, 1, "[2]"));
            store.create(new NewJob("job1", "echo", "MAP", 1, 0, 0, 2, false, 0, Instant.now()), chunks, 3L);
            // As if the server died after sending chunk 1 but before recording that it had.
            try (MessageProducer producer = Queues.producer(session, Queues.TASKS)) {
                producer.send(CODEC.encode(session, new TaskChunk("job1", 1, 1, 1, "echo", "[1]", 0)));
                session.commit();
            }

            try (Dispatcher dispatcher = new Dispatcher(store, connection, 32)) {
                dispatcher.start();
                dispatcher.add(new DispatchedJob("job1", "echo", 0, 0, false), new StoredChunks(store, "job1", 0, 3), 0, 0);
                List<Integer> received = receiveChunks(session, 3);
                assertEquals(List.of(0, 1, 2), received.stream().sorted().toList());
            }
        }
    }

    private static List<Integer> receiveChunks(Session session, int expected) throws Exception {
        List<Integer> chunkNumbers = new ArrayList<>();
        try (MessageConsumer consumer = Queues.consumer(session, Queues.TASKS)) {
            for (int i = 0; i < expected; i++) {
                Message message = consumer.receive(10_000);
                if (message == null) {
                    break;
                }
                chunkNumbers.add(CODEC.decodeChunk(message).chunkNo());
            }
            session.commit();
            assertNull(consumer.receive(500), "a chunk was sent twice");
        }
        return chunkNumbers;
    }
}
