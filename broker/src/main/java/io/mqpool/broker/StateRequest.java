package io.mqpool.broker;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Arrays;

/**
 * A task's request to read or update a shared counter, array, map or list, as it travels on
 * {@link Queues#STATE}: a message whose properties are {@code op}, {@code name} and, as the
 * operation needs them, {@code value}, {@code expected}, {@code key}, {@code index} and
 * {@code size}; a value put or appended is JSON text in the body of a {@code TextMessage}.
 *
 * @param value the new value (SET, CAS, ARRAY_SET) or the delta (ADD, ADD_ONCE, ARRAY_ADD)
 * @param expected the value CAS expects; 0 otherwise
 * @param key the update's key for ADD_ONCE; null otherwise
 * @param index the element of an array operation
 * @param size the array's size, for every array operation (an array's first use fixes it)
 * @param json the value of MAP_PUT and MAP_PUT_IF_ABSENT, the item of LIST_APPEND, as JSON
 *     text in the message's body; null otherwise
 */
public record StateRequest(Op op, String name, long value, long expected, String key, int index, int size,
                           String json) {

    /**
     * What a request does: the first five to a counter, the next four to an array, the rest to
     * a lock or semaphore (those travel as a {@link LockRequest}).
     */
    public enum Op {
        GET, SET, ADD, CAS, ADD_ONCE, ARRAY_GET, ARRAY_SET, ARRAY_ADD, ARRAY_SNAPSHOT,
        MAP_GET, MAP_PUT, MAP_PUT_IF_ABSENT, MAP_REMOVE, MAP_SNAPSHOT,
        LIST_APPEND, LIST_GET, LIST_SIZE, LIST_SNAPSHOT,
        LOCK, UNLOCK, ACQUIRE, RELEASE, HEARTBEAT;

        /** Whether the operation is on an array (and so needs its size). */
        public boolean isArray() {
            return name().startsWith("ARRAY_");
        }

        /** Whether the operation is on a map or a list. */
        public boolean isCollection() {
            return name().startsWith("MAP_") || name().startsWith("LIST_");
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
        this(op, name, value, expected, key, 0, 0, null);
    }

    /** A request on an array. */
    public StateRequest(Op op, String name, long value, int index, int size) {
        this(op, name, value, 0, null, index, size, null);
    }

    /** A request on a map ({@code key}) or a list ({@code index}), with a value for PUT and APPEND. */
    public static StateRequest collection(Op op, String name, String key, int index, String json) {
        return new StateRequest(op, name, 0, 0, key, index, 0, json);
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
        Message message = json == null ? session.createMessage() : session.createTextMessage(json);
        message.setStringProperty(OP, op.name());
        message.setStringProperty(NAME, name);
        message.setLongProperty(VALUE, value);
        message.setLongProperty(EXPECTED, expected);
        if (key != null) {
            message.setStringProperty(KEY, key);
        }
        if (size > 0 || op.isCollection()) {
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
            String json = message instanceof TextMessage text ? text.getText() : null;
            if ((parsed == Op.MAP_PUT || parsed == Op.MAP_PUT_IF_ABSENT || parsed == Op.LIST_APPEND) && json == null) {
                throw new MalformedMessageException("malformed state request: " + parsed + " needs its value as JSON "
                        + "text in the body");
            }
            if (parsed.name().startsWith("MAP_") && parsed != Op.MAP_SNAPSHOT && key == null) {
                throw new MalformedMessageException("malformed state request: " + parsed + " needs a 'key'");
            }
            return new StateRequest(parsed, name, longOr0(message, VALUE), longOr0(message, EXPECTED), key, index, size,
                    json);
        } catch (JMSException | NumberFormatException e) {
            throw new MalformedMessageException("malformed state request: " + e.getMessage(), e);
        }
    }

    private static long longOr0(Message message, String property) throws JMSException {
        return message.propertyExists(property) ? message.getLongProperty(property) : 0;
    }
}
