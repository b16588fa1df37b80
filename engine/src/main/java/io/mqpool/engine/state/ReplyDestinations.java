package io.mqpool.engine.state;

import jakarta.jms.Destination;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reply queues answered lately, one object for each. Artemis' client checks that a
 * destination exists (two round trips to the broker) the first time it sends to that
 * destination object, and a request's {@code JMSReplyTo} is a new object every time: sending
 * every reply to the one object kept here for its address pays for the check once per worker
 * instead of once per reply.
 */
final class ReplyDestinations {

    /** More than any engine has workers at once; the least recently answered go first. */
    private static final int KEPT = 4_096;

    private final Map<Destination, Destination> known = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Destination, Destination> eldest) {
            return size() > KEPT;
        }
    };

    /** The destination to send to for replies to {@code replyTo}: the same object for the same address. */
    Destination of(Destination replyTo) {
        return known.computeIfAbsent(replyTo, d -> d);
    }
}
