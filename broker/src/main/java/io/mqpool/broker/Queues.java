package io.mqpool.broker;

import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/** The broker's addresses. Each is an anycast queue of the same name. */
public final class Queues {
    /** Chunks waiting for a worker. */
    public static final String TASKS = "mqpool.tasks";
    /** Outcomes waiting for the engine's collector. */
    public static final String RESULTS = "mqpool.results";
    /**
     * Chunks whose worker died or rolled back: the engine decides whether to send them again
     * (and which of their tasks are out of retries). The task queue never redelivers itself.
     */
    public static final String RETRY = "mqpool.retry";
    /**
     * Requests of tasks to read or update shared state, answered by the engine on each
     * request's {@code JMSReplyTo}. Neither requests nor replies are persistent: the state
     * itself is durable in the engine's store, and a request lost with the broker fails its task.
     */
    public static final String STATE = "mqpool.state";
    /**
     * What supervisors on other hosts tell the engine: a report of their workers every few
     * seconds (not persistent: the next one replaces it), and each death of a worker that was
     * running a chunk (persistent: it counts against a task's retries).
     */
    public static final String SUPERVISORS = "mqpool.supervisors";
    /** Messages that could not be processed (malformed, or over the delivery limit). */
    public static final String DEAD_LETTER = "mqpool.dead";
    /** Messages that expired. */
    public static final String EXPIRY = "mqpool.expired";

    private Queues() {
    }

    /**
     * A producer to {@code queue} that sends persistent messages without a message id or a
     * timestamp: nothing reads them, and Artemis would store both with every message.
     */
    public static MessageProducer producer(Session session, String queue) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(queue));
        producer.setDisableMessageID(true);
        producer.setDisableMessageTimestamp(true);
        return producer;
    }

    /** A consumer of {@code queue}, with the window of its session's connection. */
    public static MessageConsumer consumer(Session session, String queue) throws JMSException {
        return session.createConsumer(session.createQueue(queue));
    }
}
