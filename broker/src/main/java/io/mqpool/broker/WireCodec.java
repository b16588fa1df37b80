package io.mqpool.broker;

import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomesForm;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;

/**
 * Turns {@link TaskChunk}s and {@link ChunkResult}s into Jakarta Messaging messages and back:
 * metadata as message properties, the JSON payload as the UTF-8 body of a
 * {@link BytesMessage}. The README's "The messages on the queues" is this class in prose.
 * Stateless and thread-safe.
 *
 * <p>Bodies from the client's large-message threshold on (4 MiB, set in
 * {@link BrokerConnection}) are streamed by Artemis; decoding reads them to the end, so it
 * blocks until the whole body has arrived.
 */
public final class WireCodec {

    static final String JOB = "job";
    static final String CHUNK = "chunk";
    static final String FIRST = "first";
    static final String SIZE = "size";
    static final String TASK = "task";
    static final String TIMEOUT_MS = "timeoutMs";
    static final String ATTEMPT = "attempt";
    static final String SETTLED = "settled";
    static final String FAILURES = "failures";
    static final String OUTCOMES_FORM = "outcomesForm";
    static final String WORKER = "worker";
    static final String STARTED_MS = "startedMs";
    static final String FINISHED_MS = "finishedMs";
    /** Artemis drops a second message with the same value of this property within its id cache. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** How many times the broker has delivered a message, this time included. */
    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";
    /** Why a message was moved to the dead-letter queue by a worker or the engine. */
    public static final String DEAD_REASON = "mqpoolDeadReason";
    /** The queue a message was on before a worker or the engine moved it to the dead-letter queue. */
    public static final String DEAD_FROM = "mqpoolDeadFrom";
    /** How many times the broker had delivered a message when it was moved to the dead-letter queue. */
    public static final String DEAD_DELIVERIES = "mqpoolDeadDeliveries";

    /** A persistent message carrying {@code chunk}, with the chunk's duplicate-detection id. */
    public BytesMessage encode(Session session, TaskChunk chunk) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        writeChunk(message, chunk);
        return message;
    }

    /**
     * A persistent message carrying {@code chunk}, for a chunk received and put back on the
     * queue in the same transaction. It has no duplicate-detection id: the broker has seen the
     * chunk's, and would reject the transaction.
     */
    public BytesMessage encodeCopy(Session session, TaskChunk chunk) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        writeProperties(message, chunk);
        message.writeBytes(chunk.argsJson().getBytes(StandardCharsets.UTF_8));
        return message;
    }

    /**
     * A persistent message carrying {@code result}. It has no duplicate-detection id on
     * purpose: a duplicate inside a transaction makes Artemis roll the whole transaction back,
     * which would return the chunk to the queue forever.
     */
    public BytesMessage encode(Session session, ChunkResult result) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        writeResult(message, result);
        return message;
    }

    /**
     * Reads a chunk. Blocks until a streamed (large) body has arrived.
     *
     * @throws MalformedMessageException when a property is missing or wrong, or the body is
     *     unreadable
     */
    public TaskChunk decodeChunk(Message message) throws MalformedMessageException {
        String jobId = string(message, JOB);
        int chunkNo = integer(message, CHUNK);
        long first = longValue(message, FIRST);
        int size = integer(message, SIZE);
        String task = string(message, TASK);
        long timeout = longValue(message, TIMEOUT_MS);
        int attempt = has(message, ATTEMPT) ? integer(message, ATTEMPT) : 0;
        String settled = has(message, SETTLED) ? string(message, SETTLED) : "{}";
        String args = body(message);
        try {
            return new TaskChunk(jobId, chunkNo, first, size, task, args, timeout, attempt, settled);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("malformed chunk message: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a result. Blocks until a streamed (large) body has arrived.
     *
     * @throws MalformedMessageException when a property is missing or wrong, or the body is
     *     unreadable
     */
    public ChunkResult decodeResult(Message message) throws MalformedMessageException {
        String jobId = string(message, JOB);
        int chunkNo = integer(message, CHUNK);
        long first = longValue(message, FIRST);
        int size = integer(message, SIZE);
        int failures = integer(message, FAILURES);
        String worker = string(message, WORKER);
        // A result from a worker of an older version has no times.
        long started = has(message, STARTED_MS) ? longValue(message, STARTED_MS) : 0;
        long finished = has(message, FINISHED_MS) ? longValue(message, FINISHED_MS) : 0;
        // ... nor a form: it wrote one object per task.
        OutcomesForm form = has(message, OUTCOMES_FORM) ? form(message) : OutcomesForm.PER_TASK;
        String outcomes = body(message);
        try {
            return new ChunkResult(jobId, chunkNo, first, size, worker, new EncodedOutcomes(outcomes, failures, form),
                    started, finished);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("malformed result message: " + e.getMessage(), e);
        }
    }

    /** How many times the broker has delivered {@code message}, this time included; 1 if it does not say. */
    public int deliveryCount(Message message) throws JMSException {
        return message.propertyExists(DELIVERY_COUNT) ? message.getIntProperty(DELIVERY_COUNT) : 1;
    }

    /**
     * A persistent copy of {@code original} (body and application properties, without
     * Artemis' own headers such as the duplicate id) for the dead-letter queue, with
     * {@code reason} in property {@link #DEAD_REASON}, the queue it was on in {@link #DEAD_FROM}
     * and its delivery count in {@link #DEAD_DELIVERIES}. Blocks until a streamed body has arrived.
     *
     * @throws MalformedMessageException when the original's body cannot be read
     */
    public BytesMessage deadLetterCopy(Session session, Message original, String reason)
            throws MalformedMessageException, JMSException {
        BytesMessage copy = session.createBytesMessage();
        for (Object name : Collections.list(original.getPropertyNames())) {
            String property = (String) name;
            if (!property.startsWith("_AMQ") && !property.startsWith("JMSX")) {
                copy.setObjectProperty(property, original.getObjectProperty(property));
            }
        }
        copy.setStringProperty(DEAD_REASON, reason);
        if (original.getJMSDestination() instanceof Queue queue) {
            copy.setStringProperty(DEAD_FROM, queue.getQueueName());
        }
        copy.setIntProperty(DEAD_DELIVERIES, deliveryCount(original));
        copy.writeBytes(bodyBytes(original));
        return copy;
    }

    static void writeChunk(BytesMessage message, TaskChunk chunk) throws JMSException {
        writeProperties(message, chunk);
        message.setStringProperty(DUPLICATE_ID, chunk.duplicateId());
        message.writeBytes(chunk.argsJson().getBytes(StandardCharsets.UTF_8));
    }

    private static void writeProperties(BytesMessage message, TaskChunk chunk) throws JMSException {
        message.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        message.setStringProperty(JOB, chunk.jobId());
        message.setIntProperty(CHUNK, chunk.chunkNo());
        message.setLongProperty(FIRST, chunk.firstIndex());
        message.setIntProperty(SIZE, chunk.size());
        message.setStringProperty(TASK, chunk.taskName());
        message.setLongProperty(TIMEOUT_MS, chunk.taskTimeoutMillis());
        if (chunk.attempt() > 0) {
            message.setIntProperty(ATTEMPT, chunk.attempt());
            message.setStringProperty(SETTLED, chunk.settledJson());
        }
    }

    static void writeResult(BytesMessage message, ChunkResult result) throws JMSException {
        message.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        message.setStringProperty(JOB, result.jobId());
        message.setIntProperty(CHUNK, result.chunkNo());
        message.setLongProperty(FIRST, result.firstIndex());
        message.setIntProperty(SIZE, result.size());
        message.setIntProperty(FAILURES, result.outcomes().failures());
        message.setStringProperty(OUTCOMES_FORM, result.outcomes().form().name());
        message.setStringProperty(WORKER, result.workerId());
        message.setLongProperty(STARTED_MS, result.startedAtMillis());
        message.setLongProperty(FINISHED_MS, result.finishedAtMillis());
        message.writeBytes(result.outcomes().json().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean has(Message message, String name) throws MalformedMessageException {
        try {
            return message.propertyExists(name);
        } catch (JMSException e) {
            throw unreadable(name, e);
        }
    }

    private static String string(Message message, String name) throws MalformedMessageException {
        Object value = property(message, name);
        if (!(value instanceof String)) {
            throw wrongType(name, "a string", value);
        }
        return (String) value;
    }

    private static OutcomesForm form(Message message) throws MalformedMessageException {
        String name = string(message, OUTCOMES_FORM);
        try {
            return OutcomesForm.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("malformed message: property '" + OUTCOMES_FORM
                    + "' must be one of " + Arrays.toString(OutcomesForm.values()) + ", not '" + name + "'", e);
        }
    }

    private static int integer(Message message, String name) throws MalformedMessageException {
        Object value = property(message, name);
        if (!(value instanceof Integer)) {
            throw wrongType(name, "an int", value);
        }
        return (Integer) value;
    }

    private static long longValue(Message message, String name) throws MalformedMessageException {
        Object value = property(message, name);
        if (!(value instanceof Long) && !(value instanceof Integer)) {
            throw wrongType(name, "a long", value);
        }
        return ((Number) value).longValue();
    }

    private static Object property(Message message, String name) throws MalformedMessageException {
        Object value;
        try {
            value = message.getObjectProperty(name);
        } catch (JMSException e) {
            throw unreadable(name, e);
        }
        if (value == null) {
            throw new MalformedMessageException("malformed message: property '" + name + "' is missing");
        }
        return value;
    }

    private static MalformedMessageException unreadable(String name, JMSException e) {
        return new MalformedMessageException("malformed message: property '" + name + "' is unreadable: "
                + e.getMessage(), e);
    }

    private static MalformedMessageException wrongType(String name, String expected, Object value) {
        return new MalformedMessageException("malformed message: property '" + name
                + "' must be " + expected + " but is a " + value.getClass().getSimpleName());
    }

    private static String body(Message message) throws MalformedMessageException {
        return new String(bodyBytes(message), StandardCharsets.UTF_8);
    }

    /**
     * The body of a {@link BytesMessage}, or the UTF-8 of a {@link TextMessage}'s text (a
     * client may find text more natural for JSON). Reading leaves a bytes message rewound, so
     * that a dead-letter copy can read it again.
     */
    private static byte[] bodyBytes(Message message) throws MalformedMessageException {
        try {
            if (message instanceof BytesMessage bytes) {
                return readToEnd(bytes);
            }
            if (message instanceof TextMessage text) {
                String body = text.getText();
                return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            }
            if (message instanceof ActiveMQMessage artemis && artemis.getClass() == ActiveMQMessage.class) {
                // A message without a Jakarta Messaging type: written with Artemis' core client,
                // as mqpool did before it spoke Jakarta Messaging; such may wait on a queue
                // across an upgrade. Its body is the raw bytes.
                ActiveMQBuffer buffer = artemis.getCoreMessage().getReadOnlyBodyBuffer();
                byte[] bytes = new byte[buffer.readableBytes()];
                buffer.readBytes(bytes);
                return bytes;
            }
        } catch (JMSException | RuntimeException e) {
            throw new MalformedMessageException("cannot read the message body: " + e.getMessage(), e);
        }
        throw new MalformedMessageException("malformed message: the body must be a BytesMessage (UTF-8 JSON)"
                + " or a TextMessage, not a " + message.getClass().getSimpleName());
    }

    private static byte[] readToEnd(BytesMessage message) throws JMSException {
        // Artemis bounds a body to an int; a streamed one is pulled in by this one read.
        byte[] bytes = new byte[(int) message.getBodyLength()];
        if (bytes.length > 0 && message.readBytes(bytes) != bytes.length) {
            throw new JMSException("the body ended before its " + bytes.length + " bytes");
        }
        try {
            message.reset();
        } catch (JMSException | RuntimeException e) {
            // A streamed body may not be readable twice: only a dead-letter copy would read it again.
        }
        return bytes;
    }
}
