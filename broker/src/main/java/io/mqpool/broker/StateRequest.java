package io.mqpool.broker;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.util.Arrays;

/**
 * A task's request to read or update a shared counter, as it travels on {@link Queues#STATE}:
 * a message without a body whose properties are {@code op}, {@code name} and, as the operation
 * needs them, {@code value}, {@code expected} and {@code key}.
 *
 * @param value the new value (SET, CAS) or the delta (ADD, ADD_ONCE); 0 for GET
 * @param expected the value CAS expects; 0 otherwise
 * @param key the update's key for ADD_ONCE; null otherwise
 */
public record StateRequest(Op op, String name, long value, long expected, String key) {

    /** What a request does to its counter. */
    public enum Op { GET, SET, ADD, CAS, ADD_ONCE }

    static final String OP = "op";
    static final String NAME = "name";
    static final String VALUE = "value";
    static final String EXPECTED = "expected";
    static final String KEY = "key";

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
        return message;
    }

    /**
     * Reads a request.
     *
     * @throws MalformedMessageException when a property is missing or wrong
     */
    public static StateRequest from(Message message) throws MalformedMessageException {
        try {
            String op = message.getStringProperty(OP);
            String name = message.getStringProperty(NAME);
            if (op == null || name == null) {
                throw new MalformedMessageException("malformed state request: properties 'op' and 'name' are required");
            }
            Op parsed;
            try {
                parsed = Op.valueOf(op);
            } catch (IllegalArgumentException e) {
                throw new MalformedMessageException("malformed state request: 'op' must be one of "
                        + Arrays.toString(Op.values()) + ", not '" + op + "'", e);
            }
            String key = message.getStringProperty(KEY);
            if (parsed == Op.ADD_ONCE && key == null) {
                throw new MalformedMessageException("malformed state request: ADD_ONCE needs a 'key'");
            }
            return new StateRequest(parsed, name, longOr0(message, VALUE), longOr0(message, EXPECTED), key);
        } catch (JMSException | NumberFormatException e) {
            throw new MalformedMessageException("malformed state request: " + e.getMessage(), e);
        }
    }

    private static long longOr0(Message message, String property) throws JMSException {
        return message.propertyExists(property) ? message.getLongProperty(property) : 0;
    }
}
