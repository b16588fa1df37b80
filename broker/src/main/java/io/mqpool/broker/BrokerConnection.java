package io.mqpool.broker;

import io.mqpool.config.OneLine;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A Jakarta Messaging connection to an mqpool broker, from which callers open transacted
 * sessions. Closing it closes every session opened from it.
 *
 * <p>What the queues need of the client is set here, on Artemis' connection factory: the
 * consumer window (bytes a consumer may prefetch), the large-message threshold, and
 * reconnection. The window belongs to the connection, not to a consumer: a worker that
 * switches between taking one chunk at a time and holding some ahead keeps a connection for
 * each.
 */
public final class BrokerConnection implements AutoCloseable {

    private static final long RETRY_INTERVAL_MILLIS = 500;
    private static final long STARTUP_RETRY_MILLIS = 100;
    /**
     * Bodies from this size on are streamed by the client as "large messages", each a file of
     * its own in the broker. Artemis' default, 100 KiB, made every result of a default-sized
     * chunk of a big map such a file. The broker still stores a message that does not fit a
     * journal record (its journal buffer, 490 KiB) as a large message, whatever the client did.
     */
    static final int MIN_LARGE_MESSAGE_BYTES = 4 * 1024 * 1024;
    static final long CONNECTION_TTL_MILLIS = 15_000;

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Consumer<JMSException>> lostListeners = new CopyOnWriteArrayList<>();
    private volatile boolean lost;

    private BrokerConnection(ActiveMQConnectionFactory factory, Connection connection) {
        this.factory = factory;
        this.connection = connection;
    }

    /**
     * Connects without reconnecting: a lost connection fails the sessions at once. Blocks
     * until connected.
     *
     * @param url {@code tcp://host:port} or {@code vm://id}
     * @param consumerWindowSize bytes a consumer may prefetch; 0 takes one message at a time,
     *     -1 any number
     * @throws JMSException when the broker cannot be reached
     */
    public static BrokerConnection connect(String url, int consumerWindowSize) throws JMSException {
        return connect(url, consumerWindowSize, 0);
    }

    /**
     * Connects as {@code credentials}' user (null: as nobody, for a broker that asks no
     * credentials), without reconnecting. Blocks until connected.
     *
     * @throws JMSException when the broker cannot be reached; a {@code JMSSecurityException}
     *     when it refuses the credentials
     */
    public static BrokerConnection connect(String url, BrokerCredentials credentials, int consumerWindowSize)
            throws JMSException {
        return connect(url, credentials, consumerWindowSize, 0, 1);
    }

    /**
     * Connects, retrying every 500 ms after a lost connection. Blocks until connected.
     *
     * @param reconnectAttempts retries after a lost connection; -1 retries forever
     * @throws JMSException when the broker cannot be reached
     */
    public static BrokerConnection connect(String url, int consumerWindowSize, int reconnectAttempts)
            throws JMSException {
        return connect(url, null, consumerWindowSize, reconnectAttempts, 1);
    }

    /**
     * Connects to a broker that may still be starting: tries every 100 ms for up to
     * {@code wait}, and does not reconnect after a lost connection. Blocks until connected.
     *
     * @throws JMSException when the broker cannot be reached within {@code wait}
     */
    public static BrokerConnection connectWaiting(String url, int consumerWindowSize, Duration wait)
            throws JMSException {
        return connectWaiting(url, null, consumerWindowSize, wait);
    }

    /**
     * As {@link #connectWaiting(String, int, Duration)}, as {@code credentials}' user (null:
     * as nobody). A refusal of the credentials is not waited out.
     *
     * @throws JMSException when the broker cannot be reached within {@code wait}; a
     *     {@code JMSSecurityException} at once when it refuses the credentials
     */
    public static BrokerConnection connectWaiting(String url, BrokerCredentials credentials, int consumerWindowSize,
                                                  Duration wait) throws JMSException {
        int attempts = (int) Math.max(1, wait.toMillis() / STARTUP_RETRY_MILLIS);
        return connect(url, credentials, consumerWindowSize, 0, attempts);
    }

    private static BrokerConnection connect(String url, BrokerCredentials credentials, int consumerWindowSize,
                                            int reconnectAttempts, int initialConnectAttempts) throws JMSException {
        Objects.requireNonNull(url, "url");
        NettyNotifierThread.makeDaemon();
        ActiveMQConnectionFactory factory;
        try {
            factory = new ActiveMQConnectionFactory(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid broker URL '" + url + "': " + OneLine.messageOf(e), e);
        }
        factory.setConsumerWindowSize(consumerWindowSize);
        factory.setMinLargeMessageSize(MIN_LARGE_MESSAGE_BYTES);
        factory.setBlockOnDurableSend(true);
        factory.setRetryInterval(initialConnectAttempts > 1 ? STARTUP_RETRY_MILLIS : RETRY_INTERVAL_MILLIS);
        factory.setInitialConnectAttempts(initialConnectAttempts);
        factory.setReconnectAttempts(reconnectAttempts);
        // A link that goes silent (a cable pulled, a host frozen) counts as lost after 15 s on
        // both sides: the broker then hands the chunks held over it to the retry queue, and
        // the client fails its sessions. Artemis' defaults wait a minute.
        factory.setConnectionTTL(CONNECTION_TTL_MILLIS);
        factory.setClientFailureCheckPeriod(CONNECTION_TTL_MILLIS / 3);
        Connection connection;
        try {
            connection = credentials == null ? factory.createConnection()
                    : factory.createConnection(credentials.user(), credentials.password());
        } catch (JMSException e) {
            factory.close();
            throw e;
        } catch (RuntimeException e) {
            factory.close();
            JMSException failure = new JMSException("cannot connect to the broker at " + url + ": "
                    + OneLine.messageOf(e));
            failure.initCause(e);
            throw failure;
        }
        BrokerConnection broker = new BrokerConnection(factory, connection);
        try {
            connection.setExceptionListener(broker::failed);
            connection.start();
        } catch (JMSException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /**
     * Calls {@code listener}, on a thread of Artemis', once the connection is lost for good
     * (after any reconnection attempts). Listeners added after the loss are not called.
     */
    public void onLost(Consumer<JMSException> listener) {
        lostListeners.add(listener);
    }

    private void failed(JMSException e) {
        // A failover that succeeded is reported too, as FAILOVER: the connection lives on.
        if (!ActiveMQConnection.EXCEPTION_FAILOVER.equals(e.getErrorCode())) {
            lost = true;
            lostListeners.forEach(listener -> listener.accept(e));
        }
    }

    /**
     * Whether the connection is up now: not closed, not lost for good, and not between a
     * failure and a reconnection. Asks Artemis' client for the state it keeps; does not block
     * and sends nothing.
     */
    public boolean isAlive() {
        if (closed.get() || lost) {
            return false;
        }
        ClientSessionFactory sessions = ((ActiveMQConnection) connection).getSessionFactory();
        RemotingConnection link = sessions.getConnection();
        return !sessions.isClosed() && link != null && !link.isDestroyed();
    }

    /**
     * Opens a session whose sends and acknowledgements take effect only on {@code commit()}.
     * Blocks for one round trip.
     *
     * @throws JMSException when the connection is lost
     */
    public Session openTransactedSession() throws JMSException {
        return connection.createSession(true, Session.SESSION_TRANSACTED);
    }

    /**
     * Opens a session that acknowledges each message as it is received and sends each message
     * at once: for requests and replies, whose effect is made durable elsewhere.
     *
     * @throws JMSException when the connection is lost
     */
    public Session openSession() throws JMSException {
        return connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** Closes every session, the connection and its factory. Idempotent; does not block long. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            connection.close();
        } catch (JMSException e) {
            // Closing a connection the broker already dropped fails; nothing is left to release.
        } finally {
            factory.close();
        }
    }
}
