package io.mqpool.broker;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.util.Arrays;

/**
 * A task's request to read or update a shared counter or array, as it travels on
 * {@link Queues#STATE}: a message without a body whose properties are {@code op}, {@code name}
 * and, as the operation needs them, {@code value}, {@code expected}, {@code key},
 * {@code index} and {@code size}.
 *
 * @param value the new value (SET, CAS, ARRAY_SET) or the delta (ADD, ADD_ONCE, ARRAY_ADD)
 * @param expected the value CAS expects; 0 otherwise
 * @param key the update's key for ADD_ONCE; null otherwise
 * @param index the element of an array operation
 * @param size the array's size, for every array operation (an array's first use fixes it)
 */
public record StateRequest(Op op, String name, long value, long expected, String key, int index, int size) {

    /**
     * What a request does: the first five to a counter, the next four to an array, the rest to
     * a lock or semaphore (those travel as a {@link LockRequest}).
     */
    public enum Op {
        GET, SET, ADD, CAS, ADD_ONCE, ARRAY_GET, ARRAY_SET, ARRAY_ADD, ARRAY_SNAPSHOT,
        LOCK, UNLOCK, ACQUIRE, RELEASE, HEARTBEAT;

        /** Whether the operation is on an array (and so needs its size). */
        public boolean isArray() {
            return compareTo(ARRAY_GET) >= 0 && compareTo(ARRAY_SNAPSHOT) <= 0;
        }

        /** Whether the operation is on a lock or semaphore, or a session's heartbeat: a {@link LockRequest}. */
        public boolean isLock() {
            return compareTo(LOCK) >= 0;
        }
    }

    /**
     * The operation a request message names.
     *
     * @throws MalformedMessageException when it names none, or an unknown one
     */
    public static Op opOf(Message message) throws MalformedMessageException {
        String op;
        try {
            op = message.getStringProperty(OP);
        } catch (JMSException e) {
            throw new MalformedMessageException("malformed state request: " + e.getMessage(), e);
        }
        if (op == null) {
            throw new MalformedMessageException("malformed state request: property 'op' is required");
        }
        try {
            return Op.valueOf(op);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("malformed state request: 'op' must be one of "
                    + Arrays.toString(Op.values()) + ", not '" + op + "'", e);
        }
    }

    /** A request on a counter. */
    public StateRequest(Op op, String name, long value, long expected, String key) {
        this(op, name, value, expected, key, 0, 0);
    }

    static final String OP = "op";
    static final String NAME = "name";
    static final String VALUE = "value";
    static final String EXPECTED = "expected";
    static final String KEY = "key";
    static final String INDEX = "index";
    static final String SIZE = "size";

    /** A non-persistent message carrying this request; the caller sets its reply-to and correlation id. */
    public Message toMessage(Session session) throws JMSException {
        Message message = session.createMessage();
        message.setStringProperty(OP, op.name());
        message.setStringProperty(NAME, name);
        message.setLongProperty(VALUE, value);
        message.setLongProperty(EXPECTED, expected);
        if (key != null) {
            message.setStringProperty(KEY, key);
        }
        if (size > 0) {
            message.setIntProperty(INDEX, index);
            message.setIntProperty(SIZE, size);
        }
        return message;
    }

    /**
     * Reads a request.
     *
     * @throws MalformedMessageException when a property is missing or wrong
     */
    public static StateRequest from(Message message) throws MalformedMessageException {
        try {
            Op parsed = opOf(message);
            String name = message.getStringProperty(NAME);
            if (name == null) {
                throw new MalformedMessageException("malformed state request: property 'name' is required");
            }
            if (parsed.isLock()) {
                throw new MalformedMessageException("malformed state request: " + parsed + " travels as a lock request");
            }
            String key = message.getStringProperty(KEY);
            if (parsed == Op.ADD_ONCE && key == null) {
                throw new MalformedMessageException("malformed state request: ADD_ONCE needs a 'key'");
            }
            int index = message.propertyExists(INDEX) ? message.getIntProperty(INDEX) : 0;
            int size = message.propertyExists(SIZE) ? message.getIntProperty(SIZE) : 0;
            if (parsed.isArray() && size < 1) {
                throw new MalformedMessageException("malformed state request: " + parsed + " needs a 'size'");
            }
            return new StateRequest(parsed, name, longOr0(message, VALUE), longOr0(message, EXPECTED), key, index, size);
        } catch (JMSException | NumberFormatException e) {
            throw new MalformedMessageException("malformed state request: " + e.getMessage(), e);
        }
    }

    private static long longOr0(Message message, String property) throws JMSException {
        return message.propertyExists(property) ? message.getLongProperty(property) : 0;
    }
}
