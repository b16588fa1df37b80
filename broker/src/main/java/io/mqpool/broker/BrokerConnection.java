package io.mqpool.broker;

import io.mqpool.config.OneLine;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * A connection to an mqpool broker: one {@link ServerLocator} and one session factory, from
 * which callers open transacted sessions. Closing it closes every session opened from it.
 */
public final class BrokerConnection implements AutoCloseable {

    private static final long RETRY_INTERVAL_MILLIS = 500;
    private static final long STARTUP_RETRY_MILLIS = 100;

    private final ServerLocator locator;
    private final ClientSessionFactory factory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BrokerConnection(ServerLocator locator, ClientSessionFactory factory) {
        this.locator = locator;
        this.factory = factory;
    }

    /**
     * Connects without reconnecting: a lost connection fails the sessions at once. Blocks
     * until connected.
     *
     * @param url {@code tcp://host:port} or {@code vm://id}
     * @param consumerWindowSize bytes a consumer may prefetch; 0 takes one message at a time
     * @throws ActiveMQException when the broker cannot be reached
     */
    public static BrokerConnection connect(String url, int consumerWindowSize)
            throws ActiveMQException {
        return connect(url, consumerWindowSize, 0);
    }

    /**
     * Connects, retrying every 500 ms after a lost connection. Blocks until connected.
     *
     * @param reconnectAttempts retries after a lost connection; -1 retries forever
     * @throws ActiveMQException when the broker cannot be reached
     */
    public static BrokerConnection connect(String url, int consumerWindowSize,
                                           int reconnectAttempts) throws ActiveMQException {
        return connect(url, consumerWindowSize, reconnectAttempts, 1);
    }

    /**
     * Connects to a broker that may still be starting: tries every 100 ms for up to
     * {@code wait}, and does not reconnect after a lost connection. Blocks until connected.
     *
     * @throws ActiveMQException when the broker cannot be reached within {@code wait}
     */
    public static BrokerConnection connectWaiting(String url, int consumerWindowSize, java.time.Duration wait)
            throws ActiveMQException {
        int attempts = (int) Math.max(1, wait.toMillis() / STARTUP_RETRY_MILLIS);
        return connect(url, consumerWindowSize, 0, attempts);
    }

    /**
     * Bodies from this size on are streamed as "large messages", each a file of its own in the
     * broker. Artemis' default, 100 KiB, made every result of a default-sized chunk of a big map
     * such a file; below this size a message is one journal record (the journal's files are
     * 10 MiB, which bounds a record).
     */
    private static final int MIN_LARGE_MESSAGE_BYTES = 4 * 1024 * 1024;

    private static BrokerConnection connect(String url, int consumerWindowSize, int reconnectAttempts,
                                            int initialConnectAttempts) throws ActiveMQException {
        Objects.requireNonNull(url, "url");
        ServerLocator locator;
        try {
            locator = ActiveMQClient.createServerLocator(url);
        } catch (Exception e) {
            throw new IllegalArgumentException("invalid broker URL '" + url + "': "
                    + OneLine.messageOf(e), e);
        }
        locator.setConsumerWindowSize(consumerWindowSize)
                .setMinLargeMessageSize(MIN_LARGE_MESSAGE_BYTES)
                .setBlockOnDurableSend(true)
                .setRetryInterval(initialConnectAttempts > 1 ? STARTUP_RETRY_MILLIS : RETRY_INTERVAL_MILLIS)
                .setInitialConnectAttempts(initialConnectAttempts)
                .setReconnectAttempts(reconnectAttempts);
        try {
            return new BrokerConnection(locator, locator.createSessionFactory());
        } catch (ActiveMQException e) {
            locator.close();
            throw e;
        } catch (Exception e) {
            locator.close();
            throw new ActiveMQException("cannot connect to the broker at " + url + ": "
                    + OneLine.messageOf(e));
        }
    }

    /**
     * Opens a started session whose sends and acknowledgements take effect only on
     * {@code commit()}. Blocks for one round trip.
     *
     * @throws ActiveMQException when the connection is lost
     */
    public ClientSession openTransactedSession() throws ActiveMQException {
        ClientSession session = factory.createSession(false, false, false);
        session.start();
        return session;
    }

    /** True once the connection to the broker is gone for good. */
    public boolean isClosed() {
        return closed.get() || factory.isClosed();
    }

    /** Closes every session, the factory and the locator. Idempotent; does not block long. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            factory.close();
        } finally {
            locator.close();
        }
    }
}
