package io.mqpool.broker;

import io.mqpool.broker.StateRequest.Op;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;

/**
 * A worker's request about a lock or semaphore, on {@link Queues#STATE} like a
 * {@link StateRequest}: a message without a body whose properties are {@code op} (LOCK, UNLOCK,
 * ACQUIRE, RELEASE or HEARTBEAT), {@code name}, the session ({@code session}, {@code worker},
 * {@code pid}) and, as the operation needs them, {@code permits}, {@code wait} and
 * {@code fence}.
 *
 * <p>LOCK and ACQUIRE are answered when the lock or a permit is granted (reply value: the
 * grant's fencing token, changed: true), or when {@code wait} milliseconds passed without a
 * grant (changed: false). UNLOCK and RELEASE name the grant by its fence. A HEARTBEAT keeps
 * the session alive and gets no answer.
 *
 * @param permits the semaphore's number of permits for ACQUIRE (its first use fixes it); 1 otherwise
 * @param waitMillis how long LOCK or ACQUIRE may wait for a grant before it is answered without one
 * @param fence the grant that UNLOCK or RELEASE gives back; 0 otherwise
 */
public record LockRequest(Op op, String name, StateSession session, int permits, long waitMillis, long fence) {

    static final String SESSION = "session";
    static final String WORKER = "worker";
    static final String PID = "pid";
    static final String PERMITS = "permits";
    static final String WAIT = "wait";
    static final String FENCE = "fence";

    public LockRequest {
        if (!op.isLock()) {
            throw new IllegalArgumentException(op + " is not an operation on a lock or semaphore");
        }
    }

    /** A session's heartbeat. */
    public static LockRequest heartbeat(StateSession session) {
        return new LockRequest(Op.HEARTBEAT, "-", session, 1, 0, 0);
    }

    /** A non-persistent message carrying this request; the caller sets its reply-to and correlation id. */
    public Message toMessage(Session jms) throws JMSException {
        Message message = jms.createMessage();
        message.setStringProperty(StateRequest.OP, op.name());
        message.setStringProperty(StateRequest.NAME, name);
        message.setStringProperty(SESSION, session.id());
        message.setStringProperty(WORKER, session.workerId());
        message.setLongProperty(PID, session.pid());
        message.setIntProperty(PERMITS, permits);
        message.setLongProperty(WAIT, waitMillis);
        message.setLongProperty(FENCE, fence);
        return message;
    }

    /**
     * Reads a request.
     *
     * @throws MalformedMessageException when a property is missing or wrong
     */
    public static LockRequest from(Message message) throws MalformedMessageException {
        Op op = StateRequest.opOf(message);
        if (!op.isLock()) {
            throw new MalformedMessageException("malformed lock request: " + op + " is not a lock operation");
        }
        try {
            String name = message.getStringProperty(StateRequest.NAME);
            String session = message.getStringProperty(SESSION);
            String worker = message.getStringProperty(WORKER);
            if (name == null || session == null || worker == null || !message.propertyExists(PID)) {
                throw new MalformedMessageException(
                        "malformed lock request: properties 'name', 'session', 'worker' and 'pid' are required");
            }
            int permits = message.propertyExists(PERMITS) ? message.getIntProperty(PERMITS) : 1;
            long wait = message.propertyExists(WAIT) ? message.getLongProperty(WAIT) : 0;
            long fence = message.propertyExists(FENCE) ? message.getLongProperty(FENCE) : 0;
            if (wait < 0) {
                throw new MalformedMessageException("malformed lock request: 'wait' must be 0 or more, not " + wait);
            }
            return new LockRequest(op, name, new StateSession(session, worker, message.getLongProperty(PID)),
                    permits, wait, fence);
        } catch (JMSException | NumberFormatException e) {
            throw new MalformedMessageException("malformed lock request: " + e.getMessage(), e);
        }
    }
}
