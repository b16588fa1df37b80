package io.mqpool.broker;

import io.mqpool.config.OneLine;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What sits on {@link Queues#DEAD_LETTER}, read with a {@link QueueBrowser} and taken off by a
 * consumer whose selector names one message, so that it works alike on the embedded broker
 * and on one in another process. Nothing here rolls a dead letter back: the queue would count
 * that as a failed delivery.
 *
 * <p>Give it a connection with a bounded consumer window: a browser takes what the window
 * allows, and a dead-letter queue can hold millions of messages.
 */
public final class DeadLetterQueue {

    /** Messages dropped per transaction by {@link #dropAll()}. */
    static final int BATCH = 500;
    private static final Pattern MESSAGE_ID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final Pattern ORIGINAL_ID = Pattern.compile("orig-[0-9]{1,19}");
    private static final String ORIG_MESSAGE_ID = "_AMQ_ORIG_MESSAGE_ID";
    private static final String ORIG_QUEUE = "_AMQ_ORIG_QUEUE";

    private final BrokerConnection connection;
    private final WireCodec codec = new WireCodec();

    /** A page of dead letters, oldest first; {@code more} when others follow them. */
    public record Page(List<DeadLetter> letters, boolean more) {
    }

    /** @param connection a connection with a bounded consumer window and the right to browse and consume it */
    public DeadLetterQueue(BrokerConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * The first {@code limit} dead letters, oldest first. Blocks while they are browsed (their
     * bodies are read to tell what they are).
     *
     * @throws IllegalStateException if the broker cannot be browsed
     */
    public Page list(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        try (Session session = connection.openSession();
             QueueBrowser browser = session.createBrowser(session.createQueue(Queues.DEAD_LETTER))) {
            List<DeadLetter> letters = new ArrayList<>();
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message message = (Message) messages.nextElement();
                if (letters.size() == limit) {
                    return new Page(letters, true);
                }
                letters.add(describe(message));
            }
            return new Page(letters, false);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse " + Queues.DEAD_LETTER + ": " + OneLine.messageOf(e), e);
        }
    }

    /**
     * The dead letter named {@code id}, if it is on the queue. Blocks while the queue is searched.
     *
     * @throws IllegalArgumentException if {@code id} is not the form of a dead letter's id
     */
    public Optional<DeadLetter> find(String id) {
        String selector = selectorOf(id);
        try (Session session = connection.openSession();
             QueueBrowser browser = session.createBrowser(session.createQueue(Queues.DEAD_LETTER), selector)) {
            Enumeration<?> messages = browser.getEnumeration();
            return messages.hasMoreElements() ? Optional.of(describe((Message) messages.nextElement()))
                    : Optional.empty();
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse " + Queues.DEAD_LETTER + ": " + OneLine.messageOf(e), e);
        }
    }

    /**
     * Removes the dead letter named {@code id}. Blocks for a round trip or two.
     *
     * @return false if no such dead letter is on the queue
     * @throws IllegalArgumentException if {@code id} is not the form of a dead letter's id
     */
    public boolean drop(String id) {
        return take(id, (session, message) -> {
        });
    }

    /**
     * Removes every dead letter, in transactions of {@value #BATCH}. Blocks until the queue is empty.
     *
     * @return how many were removed
     */
    public long dropAll() {
        QueueDrain drain = new QueueDrain(Queues.DEAD_LETTER, null, BATCH);
        try {
            return drain.run(connection);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot empty " + Queues.DEAD_LETTER + " (" + drain.removed() + " removed): "
                    + OneLine.messageOf(e), e);
        }
    }

    /**
     * Puts the task chunk of dead letter {@code id} back on {@link Queues#TASKS}, as a new
     * message (the broker would take the chunk's duplicate id for a duplicate), and removes the
     * dead letter in the same transaction. Blocks for a few round trips.
     *
     * @return false if no such dead letter is on the queue
     * @throws IllegalArgumentException if {@code id} is not the form of a dead letter's id, or
     *     the dead letter is not a task chunk (check with {@link #find} first: the dead letter
     *     is taken, and then comes back at the commit that fails)
     */
    public boolean resend(String id) {
        return take(id, (session, message) -> {
            TaskChunk chunk;
            try {
                chunk = codec.decodeChunk(message);
            } catch (MalformedMessageException e) {
                throw new IllegalArgumentException("dead letter " + id + " is not a task chunk: " + e.getMessage(), e);
            }
            try (MessageProducer tasks = Queues.producer(session, Queues.TASKS)) {
                tasks.send(codec.encodeCopy(session, chunk));
            }
        });
    }

    /** What is done in the transaction that takes a dead letter, before its commit. */
    private interface Taking {
        void accept(Session session, Message message) throws JMSException;
    }

    private boolean take(String id, Taking then) {
        String selector = selectorOf(id);
        try (Session session = connection.openTransactedSession();
             MessageConsumer consumer = session.createConsumer(session.createQueue(Queues.DEAD_LETTER), selector)) {
            Message message = consumer.receiveNoWait();
            if (message == null) {
                return false;
            }
            then.accept(session, message);
            session.commit();
            return true;
        } catch (JMSException e) {
            throw new IllegalStateException("cannot take dead letter " + id + " off " + Queues.DEAD_LETTER + ": "
                    + OneLine.messageOf(e), e);
        }
    }

    /**
     * The selector of the dead letter named {@code id}.
     *
     * @throws IllegalArgumentException if {@code id} is not the form of one
     */
    static String selectorOf(String id) {
        Objects.requireNonNull(id, "id");
        if (MESSAGE_ID.matcher(id).matches()) {
            return "JMSMessageID = 'ID:" + id + "'";
        }
        if (ORIGINAL_ID.matcher(id).matches()) {
            return ORIG_MESSAGE_ID + " = " + id.substring("orig-".length());
        }
        throw new IllegalArgumentException("'" + id + "' is not a dead letter's id: ids look like "
                + "0b9e6f3c-2c1d-4e6f-9a7b-1c2d3e4f5a6b or orig-123 (see mqpool dead-letters)");
    }

    /** What {@code message} is, read from its properties and body. */
    DeadLetter describe(Message message) throws JMSException {
        String id = idOf(message);
        String reason = text(message, WireCodec.DEAD_REASON);
        String from = text(message, WireCodec.DEAD_FROM);
        String movedFrom = text(message, ORIG_QUEUE);
        if (from == null) {
            from = movedFrom;
        }
        if (reason == null) {
            reason = movedFrom != null
                    ? "the broker moved it after its deliveries from " + movedFrom + " failed max-delivery-attempts times"
                    : "put on " + Queues.DEAD_LETTER + " by someone else (it says no reason)";
        }
        Integer deliveries = message.getObjectProperty(WireCodec.DEAD_DELIVERIES) instanceof Integer n ? n : null;
        Long at = message.getJMSTimestamp() > 0 ? message.getJMSTimestamp() : null;
        try {
            TaskChunk chunk = codec.decodeChunk(message);
            return new DeadLetter(id, DeadLetter.Kind.TASK_CHUNK, chunk.jobId(), chunk.chunkNo(), from, reason,
                    deliveries, at);
        } catch (MalformedMessageException notAChunk) {
            // Then perhaps a result.
        }
        try {
            ChunkResult result = codec.decodeResult(message);
            return new DeadLetter(id, DeadLetter.Kind.RESULT, result.jobId(), result.chunkNo(), from, reason,
                    deliveries, at);
        } catch (MalformedMessageException notAResult) {
            // Then something else.
        }
        DeadLetter.Kind kind = message.propertyExists(StateRequest.OP) ? DeadLetter.Kind.STATE_REQUEST
                : message.propertyExists(SupervisorMessages.KIND) ? DeadLetter.Kind.SUPERVISOR_MESSAGE
                : DeadLetter.Kind.UNREADABLE;
        String jobId = text(message, WireCodec.JOB);
        Integer chunkNo = message.getObjectProperty(WireCodec.CHUNK) instanceof Integer n ? n : null;
        return new DeadLetter(id, kind, jobId, chunkNo, from, reason, deliveries, at);
    }

    private static String idOf(Message message) throws JMSException {
        String messageId = message.getJMSMessageID();
        if (messageId != null) {
            return messageId.startsWith("ID:") ? messageId.substring(3) : messageId;
        }
        Object original = message.getObjectProperty(ORIG_MESSAGE_ID);
        return original instanceof Number n ? "orig-" + n.longValue() : null;
    }

    private static String text(Message message, String property) throws JMSException {
        Object value = message.getObjectProperty(property);
        return value == null ? null : value.toString();
    }
}
