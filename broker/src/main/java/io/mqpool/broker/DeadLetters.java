package io.mqpool.broker;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;

/**
 * Sends a copy of a message that is not what its queue carries to {@link Queues#DEAD_LETTER},
 * with the reason, inside the caller's transaction; the caller acknowledges the original, and
 * both take effect at its next commit.
 */
public final class DeadLetters {

    private final ClientSession session;
    private final ClientProducer producer;
    private final WireCodec codec = new WireCodec();

    /** Opens a producer to the dead-letter queue on {@code session}. */
    public DeadLetters(ClientSession session) throws ActiveMQException {
        this.session = session;
        this.producer = session.createProducer(Queues.DEAD_LETTER);
    }

    /**
     * Sends a copy of {@code message}, carrying {@code reason}, to the dead-letter queue. Blocks
     * until a streamed body has arrived.
     *
     * @return false if its body could not even be read: it is then dropped, and only the fact of
     *     it is left for the caller to log
     */
    public boolean copy(ClientMessage message, String reason) throws ActiveMQException {
        try {
            producer.send(codec.deadLetterCopy(session, message, reason));
            return true;
        } catch (MalformedMessageException unreadable) {
            return false;
        }
    }
}
