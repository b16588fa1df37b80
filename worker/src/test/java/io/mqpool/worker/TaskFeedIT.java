package io.mqpool.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.EmbeddedBroker;
import io.mqpool.broker.Queues;
import io.mqpool.broker.WireCodec;
import io.mqpool.config.BrokerSettings;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's consumer against a real broker, with a consumer on another connection standing
 * for another worker.
 */
class TaskFeedIT {

    private static final int WINDOW = 8192;
    private static final WireCodec CODEC = new WireCodec();

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private WorkerSessions sessions;
    private BrokerConnection otherConnection;
    private Session other;
    private final WorkerLog log = new WorkerLog(System.err, "test");

    @BeforeEach
    void startBroker() throws Exception {
        broker = EmbeddedBroker.start(new BrokerSettings("127.0.0.1", 0, 100, WINDOW, 5), dir);
        sessions = WorkerSessions.open(broker.inVmUrl(), null, WINDOW, Duration.ZERO);
        otherConnection = BrokerConnection.connect(broker.inVmUrl(), 0);
        other = otherConnection.openTransactedSession();
    }

    @AfterEach
    void stopBroker() {
        otherConnection.close();
        sessions.close();
        broker.close();
    }

    private void send(int from, int count) throws JMSException {
        try (MessageProducer producer = Queues.producer(other, Queues.TASKS)) {
            for (int i = from; i < from + count; i++) {
                Message message = other.createBytesMessage();
                message.setIntProperty("n", i);
                producer.send(message);
            }
            other.commit();
        }
    }

    /** Runs quick chunks until the feed holds chunks ahead. */
    private void becomeHolding(TaskFeed feed) throws JMSException {
        send(100, PrefetchPolicy.CHUNKS_BEFORE_HOLDING);
        for (int i = 0; i < PrefetchPolicy.CHUNKS_BEFORE_HOLDING; i++) {
            assertNotNull(feed.next());
            feed.lock();
            try {
                feed.run(() -> null);
                feed.lane().session().commit();
            } finally {
                feed.unlock();
            }
        }
    }

    @Test
    void chunksHeldAheadGoBackToTheQueueUncountedOnceTheRunningOneIsLong() throws Exception {
        try (TaskFeed feed = new TaskFeed(sessions, log);
             MessageConsumer otherWorker = Queues.consumer(other, Queues.TASKS)) {
            becomeHolding(feed);
            send(0, 5);
            // The other consumer has a window of 0 and is not receiving, so the feed gets all 5.
            Message first = feed.next();
            assertEquals(0, first.getIntProperty("n"));
            assertSame(sessions.holding(), feed.lane());

            List<Message> takenElsewhere = new ArrayList<>();
            feed.lock();
            try {
                feed.run(() -> receiveWhileRunning(otherWorker, 4, takenElsewhere));
                feed.lane().session().commit();
            } finally {
                feed.unlock();
            }

            // The broker puts them back in no particular order.
            List<Integer> numbers = new ArrayList<>();
            for (Message message : takenElsewhere) {
                numbers.add(message.getIntProperty("n"));
                assertEquals(1, CODEC.deliveryCount(message), "a handed-back chunk counted as a delivery");
            }
            assertEquals(List.of(1, 2, 3, 4), numbers.stream().sorted().toList(),
                    "the chunks held behind the long one did not reach the other worker while it ran");
            other.commit();
            assertEquals(0, broker.messageCount(Queues.TASKS), "the long chunk's acknowledgement was lost");
            assertEquals(0, broker.messageCount(Queues.RETRY));
        }
    }

    private static Void receiveWhileRunning(MessageConsumer consumer, int count, List<Message> into) {
        try {
            while (into.size() < count) {
                Message message = consumer.receive(2_000);
                if (message == null) {
                    return null;
                }
                into.add(message);
            }
            return null;
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void takingOneAtATimeAgainHandsBackTheHeldChunksAndMovesToTheLaneOfWindowZero() throws Exception {
        try (TaskFeed feed = new TaskFeed(sessions, log);
             MessageConsumer otherWorker = Queues.consumer(other, Queues.TASKS)) {
            becomeHolding(feed);
            send(0, 5);
            assertEquals(0, feed.next().getIntProperty("n"));
            feed.lock();
            try {
                feed.takeOneAtATime();
                feed.lane().session().commit();
            } finally {
                feed.unlock();
            }

            // The next wait opens the consumer of window 0, closing the one that held 1..4.
            CompletableFuture<Message> waiting = nextAsync(feed);
            List<Message> takenElsewhere = new ArrayList<>();
            receiveWhileRunning(otherWorker, 3, takenElsewhere);
            other.commit();
            Message mine = waiting.get(5, TimeUnit.SECONDS);
            assertNotNull(mine);
            assertSame(sessions.single(), feed.lane());
            feed.lock();
            try {
                assertNull(feed.nextIfHeld(), "a consumer of window 0 held a chunk ahead");
                feed.lane().session().commit();
            } finally {
                feed.unlock();
            }
            assertEquals(3, takenElsewhere.size(), "the held chunks did not go back to the queue");
            assertEquals(0, broker.messageCount(Queues.TASKS));
            assertEquals(0, broker.messageCount(Queues.RETRY));
        }
    }

    /** Waits for the next chunk on another thread, as the worker's loop does while others wake it. */
    private static CompletableFuture<Message> nextAsync(TaskFeed feed) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return feed.next();
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aWakeEndsAWaitForAChunkAndEveryWaitAfterIt() throws Exception {
        try (TaskFeed feed = new TaskFeed(sessions, log)) {
            CompletableFuture<Message> waiting = nextAsync(feed);

            feed.wake();

            assertNull(waiting.get(5, TimeUnit.SECONDS));
            send(0, 1);
            assertNull(feed.next());
        }
    }

    @Test
    void aChunkReceivedBeforeAWakeStaysInTheWorkersTransaction() throws Exception {
        try (TaskFeed feed = new TaskFeed(sessions, log)) {
            send(0, 1);
            Message message = feed.next();
            assertNotNull(message);

            feed.wake();

            // Its receipt acknowledged it: the wake returns nothing to the queue, and the
            // worker's commit (or a crash) decides its fate.
            assertEquals(1, broker.messageCount(Queues.TASKS));
            feed.lock();
            try {
                feed.lane().session().rollback();
            } finally {
                feed.unlock();
            }
            // A rollback is a failed delivery: the chunk goes to the retry queue.
            try (MessageConsumer retries = Queues.consumer(other, Queues.RETRY)) {
                Message again = retries.receive(5_000);
                assertNotNull(again, "the rolled-back chunk was lost");
                assertEquals(0, again.getIntProperty("n"));
                other.commit();
            }
        }
    }
}
