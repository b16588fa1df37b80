package io.mqpool.broker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.config.AuthMode;
import io.mqpool.config.BrokerSettings;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that asks for credentials, seen through a raw Jakarta Messaging client: the workers'
 * user may take chunks, send results and shared-state requests and keep its own reply queue,
 * and nothing else; a wrong or missing password gets in nowhere.
 */
class BrokerSecurityIT {

    private static final BrokerCredentials WORKERS = new BrokerCredentials("worker", "right-password");

    @TempDir
    Path dir;

    private EmbeddedBroker broker;

    @BeforeEach
    void startBrokerThatAsksForCredentials() {
        broker = EmbeddedBroker.start(new BrokerSettings("127.0.0.1", 0, 100, 0, 5, AuthMode.ALWAYS,
                Optional.empty()), dir, WORKERS);
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void theWorkersUserDoesAWorkersJobAndNoMore() throws Exception {
        try (BrokerConnection engine = BrokerConnection.connect(broker.inVmUrl(), broker.engineCredentials(), 0);
             BrokerConnection worker = BrokerConnection.connect(broker.url(), WORKERS, 0)) {
            Session engineSession = engine.openSession();
            MessageProducer tasks = Queues.producer(engineSession, Queues.TASKS);
            tasks.send(engineSession.createTextMessage("a chunk"));

            Session session = worker.openSession();
            MessageConsumer chunks = Queues.consumer(session, Queues.TASKS);
            assertNotNull(chunks.receive(5_000), "a worker takes chunks");
            Queues.producer(session, Queues.RESULTS).send(session.createTextMessage("a result"));
            MessageProducer state = Queues.producer(session, Queues.STATE);
            state.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            TemporaryQueue replies = session.createTemporaryQueue();
            assertDoesNotThrow(() -> session.createConsumer(replies).close(), "a worker reads its own reply queue");

            assertThrows(JMSSecurityException.class, () -> Queues.consumer(session, Queues.RESULTS),
                    "a worker must not read the results");
            assertThrows(JMSSecurityException.class,
                    () -> Queues.producer(session, Queues.TASKS).send(session.createTextMessage("forged")),
                    "a worker must not put chunks on the task queue");
            assertThrows(JMSSecurityException.class, () -> Queues.consumer(session, Queues.RETRY));
            assertThrows(JMSSecurityException.class, () -> Queues.consumer(session, Queues.DEAD_LETTER));
            assertThrows(JMSSecurityException.class, () -> Queues.consumer(session, Queues.STATE),
                    "a worker must not read the others' shared-state requests");
        }
        assertFalse(broker.messageCount(Queues.TASKS) > 0, "the forged chunk never arrived");
        assertTrue(broker.messageCount(Queues.RESULTS) == 1);
    }

    @Test
    void aWrongOrMissingPasswordIsRefusedAtOnce() {
        assertThrows(JMSSecurityException.class,
                () -> BrokerConnection.connect(broker.url(), new BrokerCredentials("worker", "wrong"), 0));
        assertThrows(JMSSecurityException.class, () -> BrokerConnection.connect(broker.url(), 0));
        assertThrows(JMSSecurityException.class, () -> BrokerConnection.connect(broker.url(),
                new BrokerCredentials(EmbeddedBroker.ENGINE_USER, "guessed"), 0));
        long started = System.nanoTime();
        assertThrows(JMSSecurityException.class, () -> BrokerConnection.connectWaiting(broker.url(),
                new BrokerCredentials("worker", "wrong"), 0, java.time.Duration.ofMinutes(1)));
        assertTrue(System.nanoTime() - started < 10_000_000_000L, "a refusal is not waited out");
    }

    @Test
    void onLoopbackWithAutoNoCredentialsAreAsked() throws Exception {
        try (EmbeddedBroker open = EmbeddedBroker.start(new BrokerSettings("127.0.0.1", 0, 100, 0, 5),
                dir.resolve("open"), WORKERS);
             BrokerConnection anyone = BrokerConnection.connect(open.url(), 0)) {
            Session session = anyone.openSession();
            assertDoesNotThrow(() -> Queues.consumer(session, Queues.RESULTS).close());
        }
    }
}
