package io.mqpool.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.config.BrokerSettings;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dead-letter queue read, emptied and sent from through a real broker, with messages moved there by the broker and by mqpool. */
class DeadLetterQueueIT {

    private static final int MAX_DELIVERY_ATTEMPTS = 3;

    @TempDir
    static Path dir;

    private static EmbeddedBroker broker;
    private BrokerConnection connection;
    private Session session;
    private DeadLetterQueue queue;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(new BrokerSettings("127.0.0.1", 0, 100, 0, MAX_DELIVERY_ATTEMPTS), dir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void connect() throws JMSException {
        connection = BrokerConnection.connect(broker.inVmUrl(), 1024);
        session = connection.openTransactedSession();
        queue = new DeadLetterQueue(connection);
    }

    @AfterEach
    void disconnect() {
        queue.dropAll();
        connection.close();
    }

    @Test
    void aMessageTheBrokerMovedIsNamedByItsOriginalAndCanBeDropped() throws JMSException {
        try (MessageProducer producer = Queues.producer(session, Queues.RESULTS)) {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes("not a result".getBytes());
            producer.send(message);
            session.commit();
        }
        try (MessageConsumer consumer = Queues.consumer(session, Queues.RESULTS)) {
            for (int i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
                assertNotNull(consumer.receive(5_000), "delivery " + (i + 1));
                session.rollback();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.list(10).letters().size() == 1);

        DeadLetter letter = queue.list(10).letters().get(0);
        assertTrue(letter.id().matches("orig-[0-9]+"), letter.toString());
        assertEquals(DeadLetter.Kind.UNREADABLE, letter.kind());
        assertEquals(Queues.RESULTS, letter.from());
        assertEquals("the broker moved it after its deliveries from mqpool.results failed max-delivery-attempts "
                + "times", letter.reason());
        assertNull(letter.deliveries());
        assertEquals(letter, queue.find(letter.id()).orElseThrow());
        assertTrue(queue.drop(letter.id()));
        assertFalse(queue.drop(letter.id()));
        assertEquals(new DeadLetterQueue.Page(List.of(), false), queue.list(10));
    }

    @Test
    void aDeadTaskChunkIsSentAgainAsANewMessageAndLeavesTheDeadLetters() throws JMSException {
        TaskChunk chunk = new TaskChunk("job-1", 3, 30, 10, "compute_cube", "[1,2,3,4,5,6,7,8,9,10]", 0);
        deadLetter(new WireCodec().encode(session, chunk), "lost");
        DeadLetter letter = queue.list(10).letters().get(0);
        assertEquals(new DeadLetter(letter.id(), DeadLetter.Kind.TASK_CHUNK, "job-1", 3, Queues.TASKS, "lost", 1,
                letter.atMillis()), letter);
        assertNotNull(letter.atMillis());

        assertTrue(queue.resend(letter.id()));

        assertEquals(new DeadLetterQueue.Page(List.of(), false), queue.list(10));
        try (MessageConsumer tasks = Queues.consumer(session, Queues.TASKS)) {
            Message sent = tasks.receive(5_000);
            assertNotNull(sent, "nothing on the task queue");
            assertEquals(chunk, new WireCodec().decodeChunk(sent));
            assertNull(sent.getStringProperty("_AMQ_DUPL_ID"), "the broker would take it for a duplicate");
            session.commit();
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void whatIsNoTaskChunkIsNotSentAgainAndStaysADeadLetter() throws JMSException {
        BytesMessage garbage = session.createBytesMessage();
        garbage.writeBytes("garbage".getBytes());
        deadLetter(garbage, "malformed message: property 'job' is missing");
        String id = queue.list(10).letters().get(0).id();

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> queue.resend(id));

        assertEquals("dead letter " + id + " is not a task chunk: malformed message: property 'job' is missing",
                refused.getMessage());
        assertTrue(queue.find(id).isPresent(), "the refused dead letter is gone");
    }

    @Test
    void aPageIsBoundedAndSaysWhetherMoreFollow() throws JMSException {
        for (int i = 0; i < 3; i++) {
            BytesMessage garbage = session.createBytesMessage();
            garbage.setIntProperty("n", i);
            deadLetter(garbage, "number " + i);
        }
        DeadLetterQueue.Page page = queue.list(2);
        assertEquals(List.of("number 0", "number 1"), page.letters().stream().map(DeadLetter::reason).toList());
        assertTrue(page.more());
        assertFalse(queue.list(3).more());
        assertEquals(3, queue.dropAll());
    }

    @Test
    void anIdThatIsNotOneIsRefusedBeforeItReachesASelector() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> queue.drop("x' OR '1'='1"));
        assertEquals("'x' OR '1'='1' is not a dead letter's id: ids look like 0b9e6f3c-2c1d-4e6f-9a7b-1c2d3e4f5a6b "
                + "or orig-123 (see mqpool dead-letters)", e.getMessage());
    }

    /** Puts {@code message}, as if taken from the task queue, on the dead letters the way a worker does. */
    private void deadLetter(Message message, String reason) throws JMSException {
        try (MessageProducer tasks = Queues.producer(session, Queues.TASKS);
             MessageConsumer consumer = Queues.consumer(session, Queues.TASKS)) {
            tasks.send(message);
            session.commit();
            Message taken = consumer.receive(5_000);
            assertNotNull(taken);
            assertTrue(new DeadLetters(session).copy(taken, reason));
            session.commit();
        }
    }
}
