package io.mqpool.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.EmbeddedBroker;
import io.mqpool.broker.Queues;
import io.mqpool.config.BrokerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's consumer against a real broker, with a second consumer in another session
 * standing for another worker.
 */
class TaskFeedIT {

    private static final int WINDOW = 8192;

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private BrokerConnection workerConnection;
    private BrokerConnection otherConnection;
    private ClientSession session;
    private ClientSession other;
    private final WorkerLog log = new WorkerLog(System.err, "test");

    @BeforeEach
    void startBroker() throws Exception {
        broker = EmbeddedBroker.start(new BrokerSettings("127.0.0.1", 0, 100, WINDOW, 5), dir);
        workerConnection = BrokerConnection.connect(broker.inVmUrl(), 0);
        session = workerConnection.openTransactedSession();
        otherConnection = BrokerConnection.connect(broker.inVmUrl(), 0);
        other = otherConnection.openTransactedSession();
    }

    @AfterEach
    void stopBroker() {
        otherConnection.close();
        workerConnection.close();
        broker.close();
    }

    private void send(int from, int count) throws ActiveMQException {
        try (ClientProducer producer = other.createProducer(Queues.TASKS)) {
            for (int i = from; i < from + count; i++) {
                ClientMessage message = other.createMessage(true);
                message.putIntProperty("n", i);
                producer.send(message);
            }
            other.commit();
        }
    }

    /** Runs quick chunks until the feed holds chunks ahead. */
    private void becomeHolding(TaskFeed feed) throws ActiveMQException {
        send(100, PrefetchPolicy.CHUNKS_BEFORE_HOLDING);
        for (int i = 0; i < PrefetchPolicy.CHUNKS_BEFORE_HOLDING; i++) {
            ClientMessage message = feed.next();
            feed.lock();
            try {
                assertTrue(feed.take(message));
                feed.run(() -> null);
                session.commit();
            } finally {
                feed.unlock();
            }
        }
    }

    private long tasksWaiting() throws ActiveMQException {
        return other.queueQuery(SimpleString.of(Queues.TASKS)).getMessageCount();
    }

    private long retries() throws ActiveMQException {
        return other.queueQuery(SimpleString.of(Queues.RETRY)).getMessageCount();
    }

    @Test
    void chunksHeldAheadGoBackToTheQueueUncountedOnceTheRunningOneIsLong() throws Exception {
        try (TaskFeed feed = new TaskFeed(session, WINDOW, log);
             ClientConsumer otherWorker = other.createConsumer(Queues.TASKS)) {
            becomeHolding(feed);
            send(0, 5);
            // The other consumer has a window of 0 and is not receiving, so the feed gets all 5.
            ClientMessage first = feed.next();
            assertEquals(0, first.getIntProperty("n"));

            List<ClientMessage> takenElsewhere = new ArrayList<>();
            feed.lock();
            try {
                assertTrue(feed.take(first));
                feed.run(() -> receiveWhileRunning(otherWorker, 4, takenElsewhere));
                session.commit();
            } finally {
                feed.unlock();
            }

            // The broker puts them back in no particular order.
            assertEquals(List.of(1, 2, 3, 4), takenElsewhere.stream().map(m -> m.getIntProperty("n")).sorted().toList(),
                    "the chunks held behind the long one did not reach the other worker while it ran");
            for (ClientMessage message : takenElsewhere) {
                assertEquals(1, message.getDeliveryCount(), "a handed-back chunk counted as a delivery");
                message.acknowledge();
            }
            other.commit();
            assertEquals(0, tasksWaiting(), "the long chunk's acknowledgement was lost");
            assertEquals(0, retries());
        }
    }

    private static Void receiveWhileRunning(ClientConsumer consumer, int count, List<ClientMessage> into) {
        try {
            while (into.size() < count) {
                ClientMessage message = consumer.receive(2_000);
                if (message == null) {
                    return null;
                }
                into.add(message);
            }
            return null;
        } catch (ActiveMQException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWakeEndsAWaitForAChunkAndEveryWaitAfterIt() throws Exception {
        try (TaskFeed feed = new TaskFeed(session, WINDOW, log)) {
            CompletableFuture<ClientMessage> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return feed.next();
                } catch (ActiveMQException e) {
                    throw new IllegalStateException(e);
                }
            });

            feed.wake();

            assertNull(waiting.get(5, TimeUnit.SECONDS));
            send(0, 1);
            assertNull(feed.next());
        }
    }

    @Test
    void aChunkThatArrivedBeforeAWakeIsLeftToTheQueue() throws Exception {
        try (TaskFeed feed = new TaskFeed(session, WINDOW, log)) {
            send(0, 1);
            ClientMessage message = feed.next();

            feed.wake();

            feed.lock();
            try {
                assertFalse(feed.take(message));
                session.commit();
            } finally {
                feed.unlock();
            }
            try (ClientConsumer otherWorker = other.createConsumer(Queues.TASKS)) {
                ClientMessage again = otherWorker.receive(5_000);
                assertNotNull(again, "the chunk did not go back to the queue");
                assertEquals(1, again.getDeliveryCount());
                again.acknowledge();
                other.commit();
            }
        }
    }
}
