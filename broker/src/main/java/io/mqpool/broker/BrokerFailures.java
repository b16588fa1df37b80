package io.mqpool.broker;

import jakarta.jms.JMSException;
import java.util.EnumSet;
import java.util.Set;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;

/**
 * What went wrong behind a {@link JMSException} from Artemis' client. Jakarta Messaging has no
 * word for a rejected duplicate, nor a standard way to tell a lost connection from a bad
 * message, but Artemis keeps its own exception, with its type, as the cause.
 */
public final class BrokerFailures {

    private static final Set<ActiveMQExceptionType> CONNECTION_FAILURES = EnumSet.of(
            ActiveMQExceptionType.NOT_CONNECTED, ActiveMQExceptionType.DISCONNECTED,
            ActiveMQExceptionType.CONNECTION_TIMEDOUT, ActiveMQExceptionType.OBJECT_CLOSED,
            ActiveMQExceptionType.UNBLOCKED, ActiveMQExceptionType.REMOTE_DISCONNECT);

    private BrokerFailures() {
    }

    /**
     * Whether a commit failed because the transaction held a message whose duplicate id the
     * broker has seen: it then rolled the whole transaction back.
     */
    public static boolean isDuplicateRejected(JMSException e) {
        return typeOf(e) == ActiveMQExceptionType.DUPLICATE_ID_REJECTED;
    }

    /** Whether {@code e} says the connection to the broker is gone (or its session closed). */
    public static boolean isConnectionFailure(JMSException e) {
        ActiveMQExceptionType type = typeOf(e);
        return type != null && CONNECTION_FAILURES.contains(type);
    }

    private static ActiveMQExceptionType typeOf(JMSException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ActiveMQException artemis) {
                return artemis.getType();
            }
        }
        return null;
    }
}
