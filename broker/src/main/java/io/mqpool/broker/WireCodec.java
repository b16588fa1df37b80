package io.mqpool.broker;

import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomesForm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;

/**
 * Turns {@link TaskChunk}s and {@link ChunkResult}s into core messages and back. Metadata
 * travels as message properties, the JSON payload as the UTF-8 body. Stateless and
 * thread-safe.
 *
 * <p>Bodies above the client's large-message threshold (4 MiB, set in {@link BrokerConnection})
 * are streamed by Artemis; decoding reads them to the end, so it blocks until the whole body
 * has arrived.
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
    /** Why a message was moved to the dead-letter queue by a worker. */
    public static final String DEAD_REASON = "mqpoolDeadReason";

    /** A durable message carrying {@code chunk}, with the chunk's duplicate-detection id. */
    public ClientMessage encode(ClientSession session, TaskChunk chunk) {
        ClientMessage message = session.createMessage(true);
        writeChunk(message, chunk);
        return message;
    }

    /**
     * A durable message carrying {@code result}. It has no duplicate-detection id on purpose:
     * a duplicate inside a transaction makes Artemis roll the whole transaction back, which
     * would return the chunk to the queue forever.
     */
    public ClientMessage encode(ClientSession session, ChunkResult result) {
        ClientMessage message = session.createMessage(true);
        writeResult(message, result);
        return message;
    }

    /**
     * Reads a chunk. Blocks until a streamed (large) body has arrived.
     *
     * @throws MalformedMessageException when a property is missing or wrong, or the body is
     *     unreadable
     */
    public TaskChunk decodeChunk(ClientMessage message) throws MalformedMessageException {
        String jobId = string(message, JOB);
        int chunkNo = integer(message, CHUNK);
        long first = longValue(message, FIRST);
        int size = integer(message, SIZE);
        String task = string(message, TASK);
        long timeout = longValue(message, TIMEOUT_MS);
        int attempt = message.containsProperty(ATTEMPT) ? integer(message, ATTEMPT) : 0;
        String settled = message.containsProperty(SETTLED) ? string(message, SETTLED) : "{}";
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
    public ChunkResult decodeResult(ClientMessage message) throws MalformedMessageException {
        String jobId = string(message, JOB);
        int chunkNo = integer(message, CHUNK);
        long first = longValue(message, FIRST);
        int size = integer(message, SIZE);
        int failures = integer(message, FAILURES);
        String worker = string(message, WORKER);
        // A result from a worker of an older version has no times.
        long started = message.containsProperty(STARTED_MS) ? longValue(message, STARTED_MS) : 0;
        long finished = message.containsProperty(FINISHED_MS) ? longValue(message, FINISHED_MS) : 0;
        // ... nor a form: it wrote one object per task.
        OutcomesForm form = message.containsProperty(OUTCOMES_FORM) ? form(message) : OutcomesForm.PER_TASK;
        String outcomes = body(message);
        try {
            return new ChunkResult(jobId, chunkNo, first, size, worker, new EncodedOutcomes(outcomes, failures, form),
                    started, finished);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("malformed result message: " + e.getMessage(), e);
        }
    }

    /**
     * A durable copy of {@code original} (body and application properties, without Artemis'
     * own headers such as the duplicate id) for the dead-letter queue, with {@code reason}
     * in property {@link #DEAD_REASON}. Blocks until a streamed body has arrived.
     *
     * @throws MalformedMessageException when the original's body cannot be read
     */
    public ClientMessage deadLetterCopy(ClientSession session, ClientMessage original,
                                        String reason) throws MalformedMessageException {
        ClientMessage copy = session.createMessage(true);
        for (SimpleString name : original.getPropertyNames()) {
            if (!name.toString().startsWith("_AMQ")) {
                copy.putObjectProperty(name, original.getObjectProperty(name));
            }
        }
        copy.putStringProperty(DEAD_REASON, reason);
        copy.getBodyBuffer().writeBytes(bodyBytes(original));
        return copy;
    }

    static void writeChunk(ClientMessage message, TaskChunk chunk) {
        message.setDurable(true);
        message.putStringProperty(JOB, chunk.jobId());
        message.putIntProperty(CHUNK, chunk.chunkNo());
        message.putLongProperty(FIRST, chunk.firstIndex());
        message.putIntProperty(SIZE, chunk.size());
        message.putStringProperty(TASK, chunk.taskName());
        message.putLongProperty(TIMEOUT_MS, chunk.taskTimeoutMillis());
        if (chunk.attempt() > 0) {
            message.putIntProperty(ATTEMPT, chunk.attempt());
            message.putStringProperty(SETTLED, chunk.settledJson());
        }
        message.putStringProperty(Message.HDR_DUPLICATE_DETECTION_ID,
                SimpleString.of(chunk.duplicateId()));
        message.getBodyBuffer().writeBytes(chunk.argsJson().getBytes(StandardCharsets.UTF_8));
    }

    static void writeResult(ClientMessage message, ChunkResult result) {
        message.setDurable(true);
        message.putStringProperty(JOB, result.jobId());
        message.putIntProperty(CHUNK, result.chunkNo());
        message.putLongProperty(FIRST, result.firstIndex());
        message.putIntProperty(SIZE, result.size());
        message.putIntProperty(FAILURES, result.outcomes().failures());
        message.putStringProperty(OUTCOMES_FORM, result.outcomes().form().name());
        message.putStringProperty(WORKER, result.workerId());
        message.putLongProperty(STARTED_MS, result.startedAtMillis());
        message.putLongProperty(FINISHED_MS, result.finishedAtMillis());
        message.getBodyBuffer().writeBytes(result.outcomes().json().getBytes(StandardCharsets.UTF_8));
    }

    private static String string(ClientMessage message, String name)
            throws MalformedMessageException {
        Object value = property(message, name);
        if (!(value instanceof SimpleString) && !(value instanceof String)) {
            throw wrongType(name, "a string", value);
        }
        return value.toString();
    }

    private static OutcomesForm form(ClientMessage message) throws MalformedMessageException {
        String name = string(message, OUTCOMES_FORM);
        try {
            return OutcomesForm.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("malformed message: property '" + OUTCOMES_FORM
                    + "' must be one of " + Arrays.toString(OutcomesForm.values()) + ", not '" + name + "'", e);
        }
    }

    private static int integer(ClientMessage message, String name)
            throws MalformedMessageException {
        Object value = property(message, name);
        if (!(value instanceof Integer)) {
            throw wrongType(name, "an int", value);
        }
        return (Integer) value;
    }

    private static long longValue(ClientMessage message, String name)
            throws MalformedMessageException {
        Object value = property(message, name);
        if (!(value instanceof Long) && !(value instanceof Integer)) {
            throw wrongType(name, "a long", value);
        }
        return ((Number) value).longValue();
    }

    private static Object property(ClientMessage message, String name)
            throws MalformedMessageException {
        Object value = message.getObjectProperty(name);
        if (value == null) {
            throw new MalformedMessageException("malformed message: property '" + name
                    + "' is missing");
        }
        return value;
    }

    private static MalformedMessageException wrongType(String name, String expected,
                                                       Object value) {
        return new MalformedMessageException("malformed message: property '" + name
                + "' must be " + expected + " but is a " + value.getClass().getSimpleName());
    }

    private static String body(ClientMessage message) throws MalformedMessageException {
        return new String(bodyBytes(message), StandardCharsets.UTF_8);
    }

    private static byte[] bodyBytes(ClientMessage message) throws MalformedMessageException {
        if (message.isLargeMessage()) {
            // A streamed body is not in the message's buffer: it arrives in chunks and has
            // to be pulled to the end before it can be read.
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                message.saveToOutputStream(out);
            } catch (ActiveMQException e) {
                throw new MalformedMessageException("cannot read the message body: "
                        + e.getMessage(), e);
            }
            return out.toByteArray();
        }
        // A duplicate, so reading here leaves the message's own buffer where it was.
        ActiveMQBuffer buffer = message.getReadOnlyBodyBuffer();
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }
}
