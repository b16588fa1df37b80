package io.mqpool.engine.state;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.LockRequest;
import io.mqpool.broker.MalformedMessageException;
import io.mqpool.broker.Queues;
import io.mqpool.broker.SessionLoop;
import io.mqpool.broker.StateReply;
import io.mqpool.broker.StateRequest;
import io.mqpool.engine.store.CounterOp;
import io.mqpool.engine.store.CounterOp.Kind;
import io.mqpool.engine.store.SharedArrays;
import io.mqpool.engine.store.SharedCollections;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the tasks' requests on {@link Queues#STATE}: applies each to the store (durable
 * before the answer goes out) and replies on the request's {@code JMSReplyTo}. Requests that
 * wait together are applied in one H2 transaction, then answered, on sessions without broker
 * transactions. A request the store refuses (a bad name, an overflow) gets its reason back,
 * which the task sees as a {@code SharedStateException}. Lock and semaphore requests go to the {@link LockKeeper}, whose
 * answers (a grant may come long after its request) this loop sends every turn.
 */
public final class StateService extends SessionLoop {

    private static final Logger log = LoggerFactory.getLogger(StateService.class);
    private static final int BATCH = 200;
    private static final long RECEIVE_WAIT_MILLIS = 50;

    private final SharedCounters counters;
    private final SharedArrays arrays;
    private final LockKeeper locks;
    private final CollectionAnswers collections;
    private final BrokerConnection connection;
    private final ReplyDestinations replyDestinations = new ReplyDestinations();
    /** The requests Artemis delivered to {@link #requests}' listener, not yet answered. */
    private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private Session requestSession;
    private MessageConsumer requests;
    private MessageProducer replies;

    StateService(SharedCounters counters, SharedArrays arrays, SharedCollections collections, LockKeeper locks,
                 BrokerConnection connection) {
        super(connection, "mqpool-state", "answering shared-state requests", Duration.ofMillis(200));
        this.counters = counters;
        this.arrays = arrays;
        this.locks = locks;
        this.collections = new CollectionAnswers(collections);
        this.connection = connection;
    }

    /**
     * Requests and replies are not persistent and every update is durable in H2 before its
     * answer goes out, so a broker transaction around them would keep nothing safe: each turn
     * would only pay for its commit.
     */
    @Override
    protected boolean transacted() {
        return false;
    }

    /**
     * Requests arrive through a listener on a session of their own: taking the ones that wait
     * from the inbox costs nothing, where {@code receiveNoWait} asks the broker each time. The
     * listener acknowledges a request as it hands it over, which loses nothing that matters:
     * requests are not persistent, and an engine that dies with one unanswered takes its
     * store down too; the task's call fails when no answer comes.
     */
    @Override
    protected void open(Session session) throws JMSException {
        requestSession = connection.openSession();
        requests = Queues.consumer(requestSession, Queues.STATE);
        requests.setMessageListener(inbox::add);
        // A producer without a destination: each reply goes where its request asks.
        replies = session.createProducer(null);
        replies.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        replies.setDisableMessageTimestamp(true);
    }

    /**
     * Answers the requests that wait: the valid ones applied in one H2 transaction, then every
     * reply.
     */
    @Override
    protected void turn() throws JMSException, InterruptedException {
        Message first = inbox.poll(RECEIVE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        List<Message> messages = new ArrayList<>();
        if (first != null) {
            messages.add(first);
            inbox.drainTo(messages, BATCH - 1);
        }
        StateReply[] answers = new StateReply[messages.size()];
        List<CounterOp> ops = new ArrayList<>();
        List<Integer> opPositions = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            try {
                Message message = messages.get(i);
                if (StateRequest.opOf(message).isLock()) {
                    // Answered through the outbox, now or when granted.
                    locks.handle(LockRequest.from(message), message.getJMSReplyTo(), message.getJMSCorrelationID(),
                            System.nanoTime());
                    continue;
                }
                StateRequest request = StateRequest.from(message);
                if (request.op().isCollection()) {
                    answers[i] = collections.answer(request);
                } else if (request.op().isArray()) {
                    answers[i] = arrayAnswer(request);
                } else {
                    ops.add(op(request));
                    opPositions.add(i);
                }
            } catch (MalformedMessageException | IllegalArgumentException | IndexOutOfBoundsException e) {
                answers[i] = StateReply.refused(e.getMessage());
            }
        }
        if (!ops.isEmpty()) {
            List<SharedCounters.Outcome> outcomes = counters.applyAll(ops);
            for (int j = 0; j < ops.size(); j++) {
                SharedCounters.Outcome outcome = outcomes.get(j);
                answers[opPositions.get(j)] = outcome.refusal() != null ? StateReply.refused(outcome.refusal())
                        : new StateReply(outcome.update().value(), outcome.update().changed(), null);
            }
        }
        for (int i = 0; i < messages.size(); i++) {
            if (answers[i] != null) {
                send(messages.get(i), answers[i]);
            }
        }
        locks.expire(System.nanoTime());
        List<LockKeeper.Answer> lockAnswers = locks.drainOutbox();
        for (LockKeeper.Answer answer : lockAnswers) {
            Message message = answer.reply().toMessage(session());
            message.setJMSCorrelationID(answer.correlation());
            replies.send(replyDestinations.of(answer.to()), message);
        }
    }

    /** @throws IllegalArgumentException for a name that breaks the rules */
    private static CounterOp op(StateRequest request) {
        String name = SharedNames.check(request.name());
        Kind kind = switch (request.op()) {
            case GET -> Kind.GET;
            case SET -> Kind.SET;
            case ADD -> Kind.ADD;
            case CAS -> Kind.CAS;
            case ADD_ONCE -> Kind.ADD_ONCE;
            default -> throw new IllegalArgumentException(request.op() + " is not an operation on a counter");
        };
        return new CounterOp(kind, name, request.value(), request.expected(), request.key());
    }

    /**
     * Applies an array request in a transaction of its own.
     *
     * @throws IllegalArgumentException for a bad name or size, or another size than the array's
     * @throws IndexOutOfBoundsException for an index outside the array
     */
    private StateReply arrayAnswer(StateRequest request) {
        String name = SharedNames.check(request.name());
        int size = SharedNames.checkSize(name, request.size());
        try {
            return switch (request.op()) {
                case ARRAY_GET -> new StateReply(arrays.get(name, size, request.index()), false, null);
                case ARRAY_SET -> new StateReply(arrays.set(name, size, request.index(), request.value()), true, null);
                case ARRAY_ADD -> new StateReply(arrays.add(name, size, request.index(), request.value()), true, null);
                case ARRAY_SNAPSHOT -> new StateReply(0, false, arrays.snapshot(name, size), null);
                default -> throw new IllegalArgumentException(request.op() + " is not an operation on an array");
            };
        } catch (ArithmeticException e) {
            return StateReply.refused(SharedArrays.overflow(name, request.index(), request.value()));
        }
    }

    /** Stops the loop, then the listener's session. */
    @Override
    public void close() {
        super.close();
        if (requestSession != null) {
            try {
                requestSession.close();
            } catch (JMSException e) {
                log.warn("closing the shared-state requests' session failed: {}", e.toString());
            }
        }
    }

    private void send(Message request, StateReply reply) throws JMSException {
        Destination replyTo = request.getJMSReplyTo();
        if (replyTo == null) {
            log.warn("dropped a shared-state request without a reply-to: {}", reply.error() == null ? "done" : reply.error());
            return;
        }
        Message answer = reply.toMessage(session());
        answer.setJMSCorrelationID(request.getJMSCorrelationID());
        replies.send(replyDestinations.of(replyTo), answer);
    }
}
