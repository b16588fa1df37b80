package io.mqpool.engine.state;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.MalformedMessageException;
import io.mqpool.broker.Queues;
import io.mqpool.broker.SessionLoop;
import io.mqpool.broker.StateReply;
import io.mqpool.broker.StateRequest;
import io.mqpool.engine.store.CounterUpdate;
import io.mqpool.engine.store.SharedCounters;
import io.mqpool.jobs.SharedNames;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the tasks' requests on {@link Queues#STATE}: applies each to the store (durable
 * before the answer goes out) and replies on the request's {@code JMSReplyTo}. Requests that
 * wait together are answered in one broker transaction. A request the store refuses (a bad
 * name, an overflow) gets its reason back, which the task sees as a
 * {@code SharedStateException}.
 */
public final class StateService extends SessionLoop {

    private static final Logger log = LoggerFactory.getLogger(StateService.class);
    private static final int BATCH = 200;
    private static final long RECEIVE_WAIT_MILLIS = 50;

    private final SharedCounters counters;
    private MessageConsumer requests;
    private MessageProducer replies;

    public StateService(SharedCounters counters, BrokerConnection connection) {
        super(connection, "mqpool-state", "answering shared-state requests", Duration.ofMillis(200));
        this.counters = counters;
    }

    @Override
    protected void open(Session session) throws JMSException {
        requests = Queues.consumer(session, Queues.STATE);
        // A producer without a destination: each reply goes where its request asks.
        replies = session.createProducer(null);
        replies.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        replies.setDisableMessageTimestamp(true);
    }

    @Override
    protected void turn() throws JMSException {
        Message request = requests.receive(RECEIVE_WAIT_MILLIS);
        int handled = 0;
        while (request != null) {
            answer(request);
            handled++;
            request = handled < BATCH ? requests.receiveNoWait() : null;
        }
        if (handled > 0) {
            session().commit();
        }
    }

    private void answer(Message message) throws JMSException {
        Destination replyTo = message.getJMSReplyTo();
        StateReply reply;
        try {
            reply = apply(StateRequest.from(message));
        } catch (MalformedMessageException e) {
            reply = StateReply.refused(e.getMessage());
        }
        if (replyTo == null) {
            log.warn("dropped a shared-state request without a reply-to: {}", reply.error() == null ? "done" : reply.error());
            return;
        }
        Message answer = reply.toMessage(session());
        answer.setJMSCorrelationID(message.getJMSCorrelationID());
        replies.send(replyTo, answer);
    }

    /** Applies one request; a refusal becomes the reply's error. A failing store fails the turn. */
    StateReply apply(StateRequest request) {
        try {
            String name = SharedNames.check(request.name());
            CounterUpdate update = switch (request.op()) {
                case GET -> counters.get(name);
                case SET -> counters.set(name, request.value());
                case ADD -> counters.add(name, request.value());
                case CAS -> counters.compareAndSet(name, request.expected(), request.value());
                case ADD_ONCE -> counters.addOnce(name, request.key(), request.value());
            };
            return new StateReply(update.value(), update.changed(), null);
        } catch (IllegalArgumentException e) {
            return StateReply.refused(e.getMessage());
        } catch (ArithmeticException e) {
            return StateReply.refused(SharedState.overflow(request.name(), request.value()));
        }
    }
}
