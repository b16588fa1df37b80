package io.mqpool.broker;

import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

/**
 * Removes the messages of a queue, those a selector picks or all, by receiving them in
 * transactions of a bounded size until none is left. Counts what it removed, so that a caller
 * whose drain fails can say how far it got.
 */
final class QueueDrain {

    private final String queue;
    private final String selector;
    private final int batch;
    private long removed;

    /** @param selector a JMS message selector, or null for every message */
    QueueDrain(String queue, String selector, int batch) {
        this.queue = queue;
        this.selector = selector;
        this.batch = batch;
    }

    /**
     * Drains the queue. Blocks for a round trip per batch.
     *
     * @return how many messages it removed
     * @throws JMSException if the connection fails; what earlier batches removed stays removed
     */
    long run(BrokerConnection connection) throws JMSException {
        try (Session session = connection.openTransactedSession();
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
            int inBatch = 0;
            // receiveNoWait asks the broker for what it holds that matches, not only what was prefetched.
            while (consumer.receiveNoWait() != null) {
                removed++;
                if (++inBatch == batch) {
                    session.commit();
                    inBatch = 0;
                }
            }
            session.commit();
            return removed;
        }
    }

    /** How many it removed so far. */
    long removed() {
        return removed;
    }
}
