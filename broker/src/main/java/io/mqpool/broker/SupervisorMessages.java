package io.mqpool.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * The messages between the engine and supervisors on other hosts, as JSON text messages: a
 * report or a death on {@link Queues#SUPERVISORS} (property {@code mqpoolKind}), and a command
 * ({@code drain}) on the supervisor's own queue, which each report names as its {@code JMSReplyTo}.
 */
public final class SupervisorMessages {

    static final String KIND = "mqpoolKind";
    static final String REPORT = "report";
    static final String DEATH = "death";
    /** The one command a supervisor takes: let the workers finish their chunks, then exit. */
    public static final String DRAIN = "drain";

    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public TextMessage report(Session session, SupervisorReport report) throws JMSException {
        return message(session, REPORT, report);
    }

    public TextMessage death(Session session, SupervisorReport.Death death) throws JMSException {
        return message(session, DEATH, death);
    }

    /** The report this message carries, or null when it carries something else. */
    public SupervisorReport reportOf(Message message) throws JMSException, MalformedMessageException {
        return REPORT.equals(message.getStringProperty(KIND)) ? read(message, SupervisorReport.class) : null;
    }

    /** The death this message carries, or null when it carries something else. */
    public SupervisorReport.Death deathOf(Message message) throws JMSException, MalformedMessageException {
        return DEATH.equals(message.getStringProperty(KIND)) ? read(message, SupervisorReport.Death.class) : null;
    }

    private TextMessage message(Session session, String kind, Object body) throws JMSException {
        try {
            TextMessage message = session.createTextMessage(json.writeValueAsString(body));
            message.setStringProperty(KIND, kind);
            return message;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a supervisor's " + kind + ": " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(Message message, Class<T> type) throws JMSException, MalformedMessageException {
        if (!(message instanceof TextMessage text) || text.getText() == null) {
            throw new MalformedMessageException("a supervisor's message without a JSON text body");
        }
        try {
            return json.readValue(text.getText(), type);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("a supervisor's message that is not a " + type.getSimpleName()
                    + ": " + e.getOriginalMessage());
        }
    }
}
