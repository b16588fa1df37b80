package io.mqpool.broker;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The engine's answer to a {@link StateRequest}: the counter's (or element's) value after the
 * operation, whether a CAS or ADD_ONCE changed it, an array snapshot's elements; or, when the
 * request was refused, the reason in {@code error}. A message without a body, sent to the
 * request's {@code JMSReplyTo} with its {@code JMSCorrelationID}.
 *
 * @param changed whether the operation changed the counter (false for GET, a failed CAS, an
 *     ADD_ONCE whose key was seen before)
 * @param values the elements, for ARRAY_SNAPSHOT (property {@code values}: decimal numbers
 *     separated by commas); null otherwise
 * @param error null when the operation was done
 * @param json a map value, a list item, or a whole map or list, as JSON text in the body of a
 *     {@code TextMessage}; null otherwise
 * @param lost with an error: the request's session was ended by the engine, so the lock or
 *     permit it names is no longer held (property {@code lost})
 */
public record StateReply(long value, boolean changed, long[] values, String error, boolean lost, String json) {

    static final String VALUE = "value";
    static final String CHANGED = "changed";
    static final String VALUES = "values";
    static final String ERROR = "error";
    static final String LOST = "lost";

    public StateReply(long value, boolean changed, String error) {
        this(value, changed, null, error, false, null);
    }

    public StateReply(long value, boolean changed, long[] values, String error) {
        this(value, changed, values, error, false, null);
    }

    /** An answer carrying JSON text: {@code changed} says whether there was a value (or whether it changed). */
    public static StateReply ofJson(long value, boolean changed, String json) {
        return new StateReply(value, changed, null, null, false, json);
    }

    public static StateReply refused(String error) {
        return new StateReply(0, false, null, error, false, null);
    }

    /** The answer to a request whose session the engine ended: what it names is held no more. */
    public static StateReply lost(String error) {
        return new StateReply(0, false, null, error, true, null);
    }

    public Message toMessage(Session session) throws JMSException {
        Message message = json == null ? session.createMessage() : session.createTextMessage(json);
        message.setLongProperty(VALUE, value);
        message.setBooleanProperty(CHANGED, changed);
        if (error != null) {
            message.setStringProperty(ERROR, error);
        }
        if (lost) {
            message.setBooleanProperty(LOST, true);
        }
        if (values != null) {
            message.setStringProperty(VALUES, Arrays.stream(values).mapToObj(Long::toString)
                    .collect(Collectors.joining(",")));
        }
        return message;
    }

    public static StateReply from(Message message) throws JMSException {
        String values = message.getStringProperty(VALUES);
        return new StateReply(message.getLongProperty(VALUE), message.getBooleanProperty(CHANGED),
                values == null ? null : Arrays.stream(values.split(",")).mapToLong(Long::parseLong).toArray(),
                message.getStringProperty(ERROR), message.propertyExists(LOST) && message.getBooleanProperty(LOST),
                message instanceof TextMessage text ? text.getText() : null);
    }
}
