package io.mqpool.worker;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.BrokerCredentials;
import io.mqpool.broker.LockRequest;
import io.mqpool.broker.Queues;
import io.mqpool.broker.StateReply;
import io.mqpool.broker.StateRequest;
import io.mqpool.config.OneLine;
import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedList;
import io.mqpool.jobs.SharedMap;
import io.mqpool.jobs.SharedNames;
import io.mqpool.jobs.SharedStateException;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;

/**
 * The worker's way to the engine's shared state: a request on {@link Queues#STATE}, a reply on
 * a temporary queue of its own. It has a connection of its own, outside the chunks'
 * transactions, so an update takes effect when the call returns, whatever becomes of the
 * chunk. The connection is opened on first use: a worker whose tasks share nothing never
 * opens it. Thread-safe; one request at a time. Locks and semaphores go through it too, on
 * the worker's session kept by {@link LockHolds}.
 */
final class StateClient implements AutoCloseable {

    /** How long a task waits for the engine's answer before its call fails. */
    static final Duration REPLY_WAIT = Duration.ofSeconds(30);

    private final String brokerUrl;
    private final BrokerCredentials credentials;
    private final LockHolds holds;
    private BrokerConnection connection;
    private Session session;
    private MessageProducer requests;
    private MessageConsumer replies;
    private TemporaryQueue replyQueue;
    private long nextCorrelation;

    /** @param credentials the user to connect as, or null for a broker that asks none */
    StateClient(String brokerUrl, BrokerCredentials credentials, String workerId) {
        this.brokerUrl = brokerUrl;
        this.credentials = credentials;
        this.holds = new LockHolds(this, workerId);
    }

    /** The locks and permits this worker holds, and its session with the engine. */
    LockHolds holds() {
        return holds;
    }

    /** The counter of this name; nothing is sent until it is used. */
    SharedCounter counter(String name) {
        return new RemoteCounter(this, SharedNames.check(name));
    }

    /** The map of this name; nothing is sent until it is used. */
    SharedMap map(String name) {
        return new RemoteMap(this, SharedNames.check(name));
    }

    /** The list of this name; nothing is sent until it is used. */
    SharedList list(String name) {
        return new RemoteList(this, SharedNames.check(name));
    }

    /** The array of this name and size; nothing is sent until it is used. */
    SharedArray array(String name, int size) {
        SharedNames.check(name);
        return new RemoteArray(this, name, SharedNames.checkSize(name, size));
    }

    /**
     * Sends {@code request} and waits for its answer.
     *
     * @throws SharedStateException when the broker or the engine fails, or refuses the request
     */
    StateReply call(StateRequest request) {
        StateReply reply = exchange(request::toMessage, REPLY_WAIT, describe(request.op(), request.name()));
        if (reply.error() != null) {
            throw new SharedStateException(reply.error());
        }
        return reply;
    }

    /**
     * Sends a lock request and waits for its answer, which may take {@code request.waitMillis()}
     * on the engine's side before it comes. A refusal comes back as a reply with an error.
     *
     * @throws SharedStateException when the broker or the engine fails
     */
    StateReply call(LockRequest request) {
        return exchange(request::toMessage, REPLY_WAIT.plusMillis(request.waitMillis()),
                describe(request.op(), request.name()));
    }

    /** Sends {@code request} without waiting for an answer, such as a heartbeat. Failures are dropped: the next call reports them. */
    synchronized void post(LockRequest request) {
        if (connection == null) {
            return;
        }
        try {
            requests.send(request.toMessage(session));
        } catch (JMSException e) {
            closeQuietly();
        }
    }

    /** How a request becomes a message on the client's session. */
    @FunctionalInterface
    private interface MessageMaker {
        Message make(Session session) throws JMSException;
    }

    private synchronized StateReply exchange(MessageMaker maker, Duration replyWait, String what) {
        try {
            openIfNeeded();
            String correlation = Long.toString(nextCorrelation++);
            Message message = maker.make(session);
            message.setJMSReplyTo(replyQueue);
            message.setJMSCorrelationID(correlation);
            requests.send(message);
            long deadline = System.nanoTime() + replyWait.toNanos();
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                Message answer = left > 0 ? replies.receive(left) : null;
                if (answer == null) {
                    throw new SharedStateException("no answer from the engine within " + replyWait.toSeconds()
                            + " s to " + what);
                }
                // An answer to an earlier request that timed out is for nobody.
                if (correlation.equals(answer.getJMSCorrelationID())) {
                    return StateReply.from(answer);
                }
            }
        } catch (JMSException e) {
            closeQuietly();
            throw new SharedStateException("cannot reach the engine for " + what + ": " + OneLine.messageOf(e), e);
        }
    }

    private static String describe(StateRequest.Op op, String name) {
        return op + " of '" + name + "'";
    }

    private void openIfNeeded() throws JMSException {
        if (connection != null) {
            return;
        }
        connection = BrokerConnection.connect(brokerUrl, credentials, -1);
        try {
            session = connection.openSession();
            requests = Queues.producer(session, Queues.STATE);
            requests.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            replyQueue = session.createTemporaryQueue();
            replies = session.createConsumer(replyQueue);
        } catch (JMSException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private void closeQuietly() {
        if (connection != null) {
            connection.close();
        }
        connection = null;
    }

    @Override
    public void close() {
        holds.close();
        synchronized (this) {
            closeQuietly();
        }
    }
}
