package io.mqpool.broker;

import io.mqpool.config.OneLine;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.Enumeration;
import java.util.Objects;

/**
 * Counts the messages waiting on a queue of a broker in another process, by browsing them
 * through Jakarta Messaging up to a bound: a browser sees only messages not yet delivered to a
 * consumer, and every message it counts crosses the network, so the count stops at the bound.
 * (The embedded broker counts exactly and at no cost: {@link EmbeddedBroker#messageCount}.)
 */
public final class QueueBrowsing {

    private final BrokerConnection connection;
    private final int bound;

    /** @param bound the most messages one count browses */
    public QueueBrowsing(BrokerConnection connection, int bound) {
        this.connection = Objects.requireNonNull(connection, "connection");
        if (bound < 1) {
            throw new IllegalArgumentException("the bound must be 1 or more, not " + bound);
        }
        this.bound = bound;
    }

    /**
     * Messages waiting on {@code queue} and not delivered to a consumer, at most the bound.
     * Blocks while it browses (a round trip, then the messages it counts).
     *
     * @throws IllegalStateException if the broker cannot be asked
     */
    public long waiting(String queue) {
        try (Session session = connection.openSession();
             QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            Enumeration<?> messages = browser.getEnumeration();
            long count = 0;
            while (count < bound && messages.hasMoreElements()) {
                messages.nextElement();
                count++;
            }
            return count;
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse " + queue + ": " + OneLine.messageOf(e), e);
        }
    }

    public int bound() {
        return bound;
    }
}
