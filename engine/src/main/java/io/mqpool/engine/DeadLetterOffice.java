package io.mqpool.engine;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.DeadLetter;
import io.mqpool.broker.DeadLetterQueue;
import io.mqpool.config.OneLine;
import io.mqpool.engine.store.JobRow;
import io.mqpool.engine.store.JobState;
import io.mqpool.engine.store.JobStore;
import jakarta.jms.JMSException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator does with the broker's dead-letter queue: list it, drop messages, and send
 * a task chunk again while its job runs. A chunk sent again can at worst run twice: the store
 * keeps the first outcome of each task. Its connection to the broker is opened on first use
 * (with a small consumer window, so that a browse takes little at a time) and closed with the engine.
 */
public final class DeadLetterOffice implements AutoCloseable {

    /** The most dead letters one listing returns. */
    public static final int MAX_LIMIT = 1000;
    /** Bytes a browse of the dead letters takes ahead. */
    private static final int BROWSE_WINDOW = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(DeadLetterOffice.class);

    private final EngineBroker broker;
    private final JobStore store;
    private BrokerConnection connection;
    private DeadLetterQueue queue;
    private boolean closed;

    DeadLetterOffice(EngineBroker broker, JobStore store) {
        this.broker = broker;
        this.store = store;
    }

    /**
     * The oldest {@code limit} dead letters. Blocks while they are browsed.
     *
     * @throws IllegalArgumentException if {@code limit} is not 1 to {@value #MAX_LIMIT}
     * @throws IllegalStateException if the broker cannot be read
     */
    public DeadLetterPage list(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        DeadLetterQueue.Page page = queue().list(limit);
        return new DeadLetterPage(page.letters().stream().map(DeadLetterOffice::info).toList(), page.more());
    }

    /**
     * Removes dead letter {@code id}. Blocks for a round trip or two.
     *
     * @return false if no such dead letter is on the queue
     * @throws IllegalArgumentException if {@code id} is not the form of a dead letter's id
     */
    public boolean drop(String id) {
        boolean dropped = queue().drop(id);
        if (dropped) {
            log.info("dropped dead letter {}", id);
        }
        return dropped;
    }

    /** Removes every dead letter. Blocks until the queue is empty; returns how many were removed. */
    public long dropAll() {
        long dropped = queue().dropAll();
        log.info("dropped {} dead letters", dropped);
        return dropped;
    }

    /**
     * Sends the task chunk of dead letter {@code id} to the workers again and removes it from
     * the dead letters. Blocks for a few round trips.
     *
     * @return false if no such dead letter is on the queue
     * @throws IllegalArgumentException if {@code id} is not the form of a dead letter's id
     * @throws DeadLetterRefusedException if it is not a task chunk, or its job is not running
     */
    public boolean resend(String id) {
        Optional<DeadLetter> found = queue().find(id);
        if (found.isEmpty()) {
            return false;
        }
        DeadLetter letter = found.get();
        if (letter.kind() != DeadLetter.Kind.TASK_CHUNK) {
            throw new DeadLetterRefusedException("dead letter " + id + " is not a task chunk (it is "
                    + kindOf(letter.kind()) + "): only task chunks are sent again (drop it instead)");
        }
        Optional<JobState> state = store.job(letter.jobId()).map(JobRow::state);
        if (state.isEmpty() || state.get() != JobState.RUNNING) {
            throw new DeadLetterRefusedException("job " + letter.jobId() + " is "
                    + state.map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("not in the store")
                    + ", not running: chunk " + letter.chunkNo() + " is not sent again (drop dead letter " + id
                    + " instead)");
        }
        boolean sent = queue().resend(id);
        if (sent) {
            log.info("sent chunk {} of job {} again from dead letter {}", letter.chunkNo(), letter.jobId(), id);
        }
        return sent;
    }

    private synchronized DeadLetterQueue queue() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        if (queue == null) {
            try {
                connection = broker.openConnection(BROWSE_WINDOW);
            } catch (JMSException e) {
                throw new IllegalStateException("cannot connect to the broker to read the dead letters: "
                        + OneLine.messageOf(e), e);
            }
            queue = new DeadLetterQueue(connection);
        }
        return queue;
    }

    private static DeadLetterInfo info(DeadLetter letter) {
        return new DeadLetterInfo(letter.id(), kindOf(letter.kind()), letter.jobId(), letter.chunkNo(), letter.from(),
                letter.reason(), letter.deliveries(), letter.atMillis() == null ? null
                        : Instant.ofEpochMilli(letter.atMillis()));
    }

    /** {@code TASK_CHUNK} as {@code task-chunk}. */
    static String kindOf(DeadLetter.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Closes its connection, if it opened one. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            connection.close();
        }
    }
}
