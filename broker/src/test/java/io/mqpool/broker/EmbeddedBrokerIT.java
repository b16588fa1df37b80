package io.mqpool.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.config.BrokerSettings;
import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomesForm;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerIT {

    private static final WireCodec CODEC = new WireCodec();

    @TempDir
    Path dir;

    private static BrokerSettings onPort(int port) {
        return new BrokerSettings("127.0.0.1", port, 100, 0, 5);
    }

    @Test
    void portZeroPicksAFreePortAndReportsIt() {
        try (EmbeddedBroker broker = EmbeddedBroker.start(onPort(0), dir)) {
            assertTrue(broker.port() > 0);
            assertEquals("tcp://127.0.0.1:" + broker.port(), broker.url());
            assertEquals("vm://" + broker.port(), broker.inVmUrl());
        }
    }

    @Test
    void twoBrokersRunInOneJvmOnDifferentPorts() throws Exception {
        try (EmbeddedBroker a = EmbeddedBroker.start(onPort(0), dir.resolve("a"));
             EmbeddedBroker b = EmbeddedBroker.start(onPort(0), dir.resolve("b"))) {
            assertNotEquals(a.port(), b.port());
            send(a.url(), chunk("job-a", "[1]"));
            send(b.inVmUrl(), chunk("job-b", "[2]"));
            assertEquals("job-a", receiveChunk(a.inVmUrl()).jobId());
            assertEquals("job-b", receiveChunk(b.url()).jobId());
        }
    }

    @Test
    void aStoppedBrokerAndClientLeaveOnlyDaemonThreadsOfNettyBehind() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(onPort(0), dir)) {
            send(broker.url(), chunk("job-a", "[1]"));
        }

        // Netty tells of its stopped event loops on one JVM-wide thread that lingers a second
        // after: were it no daemon, a program that just closed its pool would wait for it.
        List<Thread> notifiers = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("globalEventExecutor")).toList();
        assertFalse(notifiers.isEmpty(), "the stopped event loops were told of on Netty's notifier thread");
        assertTrue(notifiers.stream().allMatch(Thread::isDaemon), notifiers + " are all daemons");
    }

    @Test
    void aPortInUseFailsWithOneActionableLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            BrokerStartException e = assertThrows(BrokerStartException.class,
                    () -> EmbeddedBroker.start(onPort(port), dir));
            assertEquals("cannot start the broker: port " + port + " on 127.0.0.1 is already in "
                    + "use (choose another with --broker-port or MQPOOL_BROKER_PORT)",
                    e.getMessage());
        }
    }

    @Test
    void aPortTakenByAnotherBrokerFailsTheSameWay() {
        try (EmbeddedBroker first = EmbeddedBroker.start(onPort(0), dir.resolve("a"))) {
            BrokerStartException e = assertThrows(BrokerStartException.class,
                    () -> EmbeddedBroker.start(onPort(first.port()), dir.resolve("b")));
            assertTrue(e.getMessage().contains("is already in use"), e.getMessage());
        }
    }

    @Test
    void aChunkSentInACommittedTransactionSurvivesABrokerRestart() throws Exception {
        int port;
        TaskChunk chunk = chunk("job-durable", "[1,2,3]");
        try (EmbeddedBroker broker = EmbeddedBroker.start(onPort(0), dir)) {
            port = broker.port();
            send(broker.url(), chunk);
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(onPort(port), dir)) {
            assertEquals(chunk, receiveChunk(broker.url()));
        }
    }

    @Test
    void theSameDuplicateIdSentTwiceIsDeliveredOnce() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(onPort(0), dir);
             BrokerConnection connection = BrokerConnection.connect(broker.url(), 0);
             Session session = connection.openTransactedSession();
             MessageProducer producer = Queues.producer(session, Queues.TASKS)) {
            TaskChunk chunk = chunk("job-dup", "[1]");
            producer.send(CODEC.encode(session, chunk));
            session.commit();
            producer.send(CODEC.encode(session, chunk));
            // Artemis rejects the whole transaction holding the duplicate at commit.
            JMSException rejected = assertThrows(JMSException.class, session::commit);
            assertTrue(BrokerFailures.isDuplicateRejected(rejected), rejected.toString());

            try (MessageConsumer consumer = Queues.consumer(session, Queues.TASKS)) {
                assertNotNull(consumer.receive(2000));
                assertNull(consumer.receive(500));
                session.commit();
            }
        }
    }

    @Test
    void aCopyOfAReceivedChunkHasNoDuplicateIdAndGoesBackInTheSameTransaction() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(onPort(0), dir);
             BrokerConnection connection = BrokerConnection.connect(broker.inVmUrl(), 0);
             Session session = connection.openTransactedSession();
             MessageProducer producer = Queues.producer(session, Queues.TASKS);
             MessageConsumer consumer = Queues.consumer(session, Queues.TASKS)) {
            TaskChunk chunk = new TaskChunk("job-copy", 0, 0, 1, "echo", "[1]", 0).nextAttempt("{}");
            producer.send(CODEC.encode(session, chunk));
            session.commit();

            Message received = consumer.receive(2000);
            producer.send(CODEC.encodeCopy(session, CODEC.decodeChunk(received)));
            session.commit();

            Message copy = consumer.receive(2000);
            assertNotNull(copy, "the copy was rejected as a duplicate, or lost");
            assertEquals(chunk, CODEC.decodeChunk(copy));
            assertEquals(1, CODEC.deliveryCount(copy));
            session.commit();
            assertNull(consumer.receive(200), "the original came back");
        }
    }

    @Test
    void aFiveMebibyteBodyTravelsAsALargeMessageAndMakesTheRoundTrip() throws Exception {
        String big = "[\"" + "x".repeat(5 * 1024 * 1024) + "\"]";
        TaskChunk chunk = chunk("job-big", big);
        try (EmbeddedBroker broker = EmbeddedBroker.start(onPort(0), dir)) {
            send(broker.url(), chunk);
            assertEquals(chunk, receiveChunk(broker.url()));
            assertTrue(resultTravels(broker, "y".repeat(5 * 1024 * 1024)), "it was not a large message");
        }
    }

    @Test
    void aBodyOverArtemisDefaultThresholdIsNotALargeMessage() throws Exception {
        // Artemis' default threshold is 100 KiB; the broker's journal record (490 KiB) bounds ours.
        try (EmbeddedBroker broker = EmbeddedBroker.start(onPort(0), dir)) {
            assertFalse(resultTravels(broker, "y".repeat(200 * 1024)), "it was a large message");
        }
    }

    /** Sends a result with {@code value} through {@code broker}; returns whether it arrived as a large message. */
    private static boolean resultTravels(EmbeddedBroker broker, String value) throws Exception {
        ChunkResult result = new ChunkResult("job-" + value.length(), 0, 0, 1, "w1",
                new EncodedOutcomes("[\"" + value + "\"]", 0, OutcomesForm.VALUES));
        try (BrokerConnection connection = BrokerConnection.connect(broker.inVmUrl(), 0);
             Session session = connection.openTransactedSession();
             MessageProducer producer = Queues.producer(session, Queues.RESULTS);
             MessageConsumer consumer = Queues.consumer(session, Queues.RESULTS)) {
            producer.send(CODEC.encode(session, result));
            session.commit();
            Message message = consumer.receive(5000);
            assertEquals(result, CODEC.decodeResult(message));
            session.commit();
            return ((ActiveMQMessage) message).getCoreMessage().isLargeMessage();
        }
    }

    private static TaskChunk chunk(String job, String args) {
        return new TaskChunk(job, 0, 0, 1, "echo", args, 0);
    }

    private static void send(String url, TaskChunk chunk) throws Exception {
        try (BrokerConnection connection = BrokerConnection.connect(url, 0);
             Session session = connection.openTransactedSession();
             MessageProducer producer = Queues.producer(session, Queues.TASKS)) {
            producer.send(CODEC.encode(session, chunk));
            session.commit();
        }
    }

    private static TaskChunk receiveChunk(String url) throws Exception {
        try (BrokerConnection connection = BrokerConnection.connect(url, 0);
             Session session = connection.openTransactedSession();
             MessageConsumer consumer = Queues.consumer(session, Queues.TASKS)) {
            Message message = consumer.receive(5000);
            assertNotNull(message, "no chunk within 5 s");
            TaskChunk chunk = CODEC.decodeChunk(message);
            session.commit();
            return chunk;
        }
    }
}
