package io.mqpool.broker;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;

/**
 * The engine's answer to a {@link StateRequest}: the counter's value after the operation, and
 * whether a CAS or ADD_ONCE changed it; or, when the request was refused, the reason in
 * {@code error}. A message without a body, sent to the request's {@code JMSReplyTo} with its
 * {@code JMSCorrelationID}.
 *
 * @param changed whether the operation changed the counter (false for GET, a failed CAS, an
 *     ADD_ONCE whose key was seen before)
 * @param error null when the operation was done
 */
public record StateReply(long value, boolean changed, String error) {

    static final String VALUE = "value";
    static final String CHANGED = "changed";
    static final String ERROR = "error";

    public static StateReply refused(String error) {
        return new StateReply(0, false, error);
    }

    public Message toMessage(Session session) throws JMSException {
        Message message = session.createMessage();
        message.setLongProperty(VALUE, value);
        message.setBooleanProperty(CHANGED, changed);
        if (error != null) {
            message.setStringProperty(ERROR, error);
        }
        return message;
    }

    public static StateReply from(Message message) throws JMSException {
        return new StateReply(message.getLongProperty(VALUE), message.getBooleanProperty(CHANGED),
                message.getStringProperty(ERROR));
    }
}
