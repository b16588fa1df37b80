package io.mqpool.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.config.BrokerSettings;
import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomesForm;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messages on the queues as the README describes them, sent and received through a real
 * broker with a plain Jakarta Messaging session: what another client would write and read.
 */
class WireCodecIT {

    private static final WireCodec CODEC = new WireCodec();

    @TempDir
    static Path dir;

    private static EmbeddedBroker broker;
    private BrokerConnection connection;
    private Session session;
    private MessageProducer producer;
    private MessageConsumer consumer;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(new BrokerSettings("127.0.0.1", 0, 100, 0, 5), dir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void connect() throws JMSException {
        connection = BrokerConnection.connect(broker.inVmUrl(), 0);
        session = connection.openTransactedSession();
        producer = Queues.producer(session, Queues.RESULTS);
        consumer = Queues.consumer(session, Queues.RESULTS);
    }

    @AfterEach
    void disconnect() throws JMSException {
        // Whatever a test left unreceived is taken off, so the next one starts on an empty queue.
        while (consumer.receive(50) != null) {
            session.commit();
        }
        connection.close();
    }

    private Message roundTrip(Message message) throws JMSException {
        producer.send(message);
        session.commit();
        Message received = consumer.receive(5000);
        assertNotNull(received, "the message did not come back within 5 s");
        session.commit();
        return received;
    }

    @Test
    void aChunkSurvivesTheRoundTripWithItsDuplicateId() throws Exception {
        TaskChunk chunk = new TaskChunk("job-1", 3, 300, 2, "echo", "[\"ä\", 2]", 1500);
        Message received = roundTrip(CODEC.encode(session, chunk));

        assertEquals(chunk, CODEC.decodeChunk(received));
        assertEquals("job-1:3", received.getStringProperty("_AMQ_DUPL_ID"));
        assertEquals(jakarta.jms.DeliveryMode.PERSISTENT, received.getJMSDeliveryMode());
        assertEquals(1, CODEC.deliveryCount(received));
    }

    @Test
    void aLaterAttemptCarriesItsSettledTasks() throws Exception {
        TaskChunk chunk = new TaskChunk("job-1", 3, 300, 2, "echo", "[1,2]", 0)
                .nextAttempt("{\"300\":{\"error\":{\"type\":\"x\",\"message\":\"\",\"stack\":\"\"}}}");
        assertEquals(chunk, CODEC.decodeChunk(roundTrip(CODEC.encode(session, chunk))));
    }

    @Test
    void aResultSurvivesTheRoundTripWithoutADuplicateId() throws Exception {
        ChunkResult result = new ChunkResult("job-1", 3, 300, 2, "w2", new EncodedOutcomes(
                "[{\"value\":1},{\"error\":{\"type\":\"x\",\"message\":\"\",\"stack\":\"\"}}]", 1,
                OutcomesForm.PER_TASK), 1_700_000_000_000L, 1_700_000_000_250L);
        Message received = roundTrip(CODEC.encode(session, result));

        ChunkResult decoded = CODEC.decodeResult(received);
        assertEquals(result, decoded);
        assertEquals(1_700_000_000_250L, decoded.finishedAtMillis());
        assertFalse(received.propertyExists("_AMQ_DUPL_ID"));
    }

    @Test
    void aResultWrittenByHandWithTheDocumentedPropertiesIsRead() throws Exception {
        BytesMessage message = session.createBytesMessage();
        message.setStringProperty("job", "job-2");
        message.setIntProperty("chunk", 0);
        message.setLongProperty("first", 0);
        message.setIntProperty("size", 2);
        message.setIntProperty("failures", 0);
        message.setStringProperty("outcomesForm", "VALUES");
        message.setStringProperty("worker", "another-client");
        message.writeBytes("[4,9]".getBytes(StandardCharsets.UTF_8));

        ChunkResult decoded = CODEC.decodeResult(roundTrip(message));
        assertEquals(new ChunkResult("job-2", 0, 0, 2, "another-client",
                new EncodedOutcomes("[4,9]", 0, OutcomesForm.VALUES)), decoded);
    }

    @Test
    void aChunkSentAsTextIsReadToo() throws Exception {
        TextMessage message = session.createTextMessage("[\"ä\"]");
        message.setStringProperty("job", "job-3");
        message.setIntProperty("chunk", 0);
        message.setLongProperty("first", 0);
        message.setIntProperty("size", 1);
        message.setStringProperty("task", "echo");
        message.setLongProperty("timeoutMs", 0);

        assertEquals(new TaskChunk("job-3", 0, 0, 1, "echo", "[\"ä\"]", 0), CODEC.decodeChunk(roundTrip(message)));
    }

    @Test
    void aResultOfAnOlderWorkerWithoutAFormHasOneObjectPerTask() throws Exception {
        BytesMessage message = session.createBytesMessage();
        message.setStringProperty("job", "job-1");
        message.setIntProperty("chunk", 3);
        message.setLongProperty("first", 300);
        message.setIntProperty("size", 1);
        message.setIntProperty("failures", 0);
        message.setStringProperty("worker", "w2");
        message.writeBytes("[{\"value\":1}]".getBytes(StandardCharsets.UTF_8));

        assertEquals(new ChunkResult("job-1", 3, 300, 1, "w2", new EncodedOutcomes("[{\"value\":1}]", 0,
                OutcomesForm.PER_TASK)), CODEC.decodeResult(roundTrip(message)));
    }

    @Test
    void aChunkWrittenWithTheCoreClientBeforeTheSwitchIsStillRead() throws Exception {
        TaskChunk chunk = new TaskChunk("job-old", 1, 10, 1, "echo", "[7]", 0);
        try (ServerLocator locator = ActiveMQClient.createServerLocator(broker.inVmUrl());
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession core = factory.createSession();
             ClientProducer old = core.createProducer(Queues.RESULTS)) {
            ClientMessage message = core.createMessage(true);
            message.putStringProperty("job", "job-old");
            message.putIntProperty("chunk", 1);
            message.putLongProperty("first", 10);
            message.putIntProperty("size", 1);
            message.putStringProperty("task", "echo");
            message.putLongProperty("timeoutMs", 0L);
            message.getBodyBuffer().writeBytes("[7]".getBytes(StandardCharsets.UTF_8));
            old.send(message);
        }
        Message received = consumer.receive(5000);
        session.commit();
        assertEquals(chunk, CODEC.decodeChunk(received));
    }

    @Test
    void aMessageWithoutAJobIsMalformedAndSaysSo() throws Exception {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes("[1]".getBytes(StandardCharsets.UTF_8));
        Message received = roundTrip(message);

        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> CODEC.decodeChunk(received));
        assertEquals("malformed message: property 'job' is missing", e.getMessage());
    }

    @Test
    void aPropertyOfTheWrongTypeIsMalformed() throws Exception {
        BytesMessage message = CODEC.encode(session, new TaskChunk("j-type", 0, 0, 1, "echo", "[1]", 0));
        message.setStringProperty("size", "one");
        Message received = roundTrip(message);

        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> CODEC.decodeChunk(received));
        assertEquals("malformed message: property 'size' must be an int but is a String", e.getMessage());
    }

    @Test
    void aChunkWithAnImpossibleSizeIsMalformed() throws Exception {
        BytesMessage message = CODEC.encode(session, new TaskChunk("j-size", 0, 0, 1, "echo", "[1]", 0));
        message.setIntProperty("size", 0);
        Message received = roundTrip(message);

        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> CODEC.decodeChunk(received));
        assertTrue(e.getMessage().startsWith("malformed chunk message: invalid chunk j-size:0"), e.getMessage());
    }

    @Test
    void aBodyOfAnotherKindIsMalformedAndSaysWhatWouldDo() throws Exception {
        Message message = session.createMapMessage();
        message.setStringProperty("job", "j");
        message.setIntProperty("chunk", 0);
        message.setLongProperty("first", 0);
        message.setIntProperty("size", 1);
        message.setStringProperty("task", "echo");
        message.setLongProperty("timeoutMs", 0);
        Message received = roundTrip(message);

        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> CODEC.decodeChunk(received));
        assertEquals("malformed message: the body must be a BytesMessage (UTF-8 JSON) or a TextMessage,"
                + " not a ActiveMQMapMessage", e.getMessage());
    }

    @Test
    void aDeadLetterCopyKeepsTheBodyAndTheApplicationPropertiesAndSaysWhy() throws Exception {
        BytesMessage message = CODEC.encode(session, new TaskChunk("j-dead", 0, 0, 1, "echo", "[1]", 0));
        message.setIntProperty("size", 0);
        Message received = roundTrip(message);
        assertThrows(MalformedMessageException.class, () -> CODEC.decodeChunk(received));

        Message copy = roundTrip(CODEC.deadLetterCopy(session, received, "impossible size"));
        assertEquals("impossible size", copy.getStringProperty(WireCodec.DEAD_REASON));
        assertEquals("j-dead", copy.getStringProperty("job"));
        assertEquals(0, copy.getIntProperty("size"));
        assertFalse(copy.propertyExists("_AMQ_DUPL_ID"));
        assertEquals("[1]", new String(copy.getBody(byte[].class), StandardCharsets.UTF_8));
    }
}
