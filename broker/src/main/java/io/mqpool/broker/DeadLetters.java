package io.mqpool.broker;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/**
 * Sends a copy of a message that is not what its queue carries to {@link Queues#DEAD_LETTER},
 * with the reason, inside the caller's transaction; the caller's receipt of the original and
 * the copy both take effect at its next commit.
 */
public final class DeadLetters {

    private final Session session;
    private final MessageProducer producer;
    private final WireCodec codec = new WireCodec();

    /** Opens a producer to the dead-letter queue on {@code session}. */
    public DeadLetters(Session session) throws JMSException {
        this.session = session;
        this.producer = Queues.producer(session, Queues.DEAD_LETTER);
        // Unlike chunks and results, a dead letter is read by people: its message id is what
        // they name it by (DeadLetterQueue), its timestamp says when it got there.
        producer.setDisableMessageID(false);
        producer.setDisableMessageTimestamp(false);
    }

    /**
     * Sends a copy of {@code message}, carrying {@code reason}, to the dead-letter queue. Blocks
     * until a streamed body has arrived.
     *
     * @return false if its body could not even be read: it is then dropped, and only the fact of
     *     it is left for the caller to log
     */
    public boolean copy(Message message, String reason) throws JMSException {
        try {
            producer.send(codec.deadLetterCopy(session, message, reason));
            return true;
        } catch (MalformedMessageException unreadable) {
            return false;
        }
    }
}
