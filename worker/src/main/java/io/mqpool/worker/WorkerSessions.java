package io.mqpool.worker;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.BrokerCredentials;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The worker's connections to the broker. Jakarta Messaging sets the consumer window per
 * connection, and a worker switches between taking one chunk at a time and holding a few ahead
 * ({@link PrefetchPolicy}): so it has a connection of window 0 and, when it may hold chunks,
 * one of its prefetch window, each with one {@link Lane}.
 */
final class WorkerSessions implements AutoCloseable {

    private final BrokerConnection singleConnection;
    private final BrokerConnection holdingConnection;
    private final Lane single;
    private final Lane holding;

    private WorkerSessions(BrokerConnection singleConnection, Lane single,
                           BrokerConnection holdingConnection, Lane holding) {
        this.singleConnection = singleConnection;
        this.single = single;
        this.holdingConnection = holdingConnection;
        this.holding = holding;
    }

    /**
     * Connects, waiting up to {@code wait} for a broker that may still be starting.
     *
     * @param credentials the user to connect as, or null for a broker that asks none
     * @param prefetchWindowBytes bytes of quick chunks the worker may hold ahead; 0 never holds
     *     any (and opens one connection), -1 holds any number
     * @throws JMSException when the broker cannot be reached
     */
    static WorkerSessions open(String url, BrokerCredentials credentials, int prefetchWindowBytes, Duration wait)
            throws JMSException {
        BrokerConnection singleConnection = BrokerConnection.connectWaiting(url, credentials, 0, wait);
        BrokerConnection holdingConnection = null;
        try {
            Lane single = Lane.open(singleConnection.openTransactedSession(), 0);
            Lane holding = null;
            if (prefetchWindowBytes != 0) {
                holdingConnection = BrokerConnection.connectWaiting(url, credentials, prefetchWindowBytes, wait);
                holding = Lane.open(holdingConnection.openTransactedSession(), prefetchWindowBytes);
            }
            return new WorkerSessions(singleConnection, single, holdingConnection, holding);
        } catch (JMSException | RuntimeException e) {
            if (holdingConnection != null) {
                holdingConnection.close();
            }
            singleConnection.close();
            throw e;
        }
    }

    /** The lane that takes one chunk at a time. */
    Lane single() {
        return single;
    }

    /** The lane that holds chunks ahead, or null when the worker never does. */
    Lane holding() {
        return holding;
    }

    /** Calls {@code listener} once either connection is lost; see {@link BrokerConnection#onLost}. */
    void onLost(Consumer<JMSException> listener) {
        singleConnection.onLost(listener);
        if (holdingConnection != null) {
            holdingConnection.onLost(listener);
        }
    }

    @Override
    public void close() {
        try {
            if (holdingConnection != null) {
                holdingConnection.close();
            }
        } finally {
            singleConnection.close();
        }
    }
}
