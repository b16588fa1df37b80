package io.mqpool.engine.state;

import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.jms.Destination;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.junit.jupiter.api.Test;

class ReplyDestinationsTest {

    @Test
    void theSameAddressGetsTheObjectFirstSeenForIt() {
        ReplyDestinations destinations = new ReplyDestinations();
        Destination first = ActiveMQDestination.createTemporaryQueue("reply-1");
        Destination again = ActiveMQDestination.createTemporaryQueue("reply-1");
        Destination other = ActiveMQDestination.createTemporaryQueue("reply-2");

        assertSame(first, destinations.of(first));
        assertSame(first, destinations.of(again));
        assertSame(other, destinations.of(other));
    }

    @Test
    void keepsTheMostRecentlyAnsweredWhenFull() {
        ReplyDestinations destinations = new ReplyDestinations();
        Destination kept = ActiveMQDestination.createTemporaryQueue("kept");
        destinations.of(kept);
        for (int i = 0; i < 10_000; i++) {
            destinations.of(ActiveMQDestination.createTemporaryQueue("reply-" + i));
            destinations.of(kept);
        }
        Destination dropped = ActiveMQDestination.createTemporaryQueue("reply-0");

        assertSame(kept, destinations.of(ActiveMQDestination.createTemporaryQueue("kept")));
        assertSame(dropped, destinations.of(dropped));
    }
}
