package io.mqpool.broker;

import java.time.Duration;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named thread that does one kind of work on one transacted broker session until it is
 * closed: each turn is {@link #turn()}; a turn that fails is logged, its transaction rolled
 * back, and the next turn tries again after a pause.
 */
public abstract class SessionLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionLoop.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final BrokerConnection connection;
    private final String what;
    private final Duration pauseAfterFailure;
    private final Thread thread;
    private volatile boolean stopping;
    private ClientSession session;

    /**
     * @param threadName the thread's name, such as {@code mqpool-collector}
     * @param what what a turn does, for log lines: "recording results"
     */
    protected SessionLoop(BrokerConnection connection, String threadName, String what, Duration pauseAfterFailure) {
        this.connection = connection;
        this.what = what;
        this.pauseAfterFailure = pauseAfterFailure;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /** Opens the session, lets the subclass create its consumers and producers, starts the thread. */
    public final void start() throws ActiveMQException {
        session = connection.openTransactedSession();
        open(session);
        thread.start();
    }

    /** Creates the consumers and producers of {@code session}; called once, before the first turn. */
    protected abstract void open(ClientSession session) throws ActiveMQException;

    /** One unit of work; blocks at most a few hundred milliseconds when there is nothing to do. */
    protected abstract void turn() throws ActiveMQException, InterruptedException;

    /** Wakes a turn that waits for work, so that {@link #close()} need not wait for it. */
    protected void wake() {
    }

    protected final ClientSession session() {
        return session;
    }

    protected final boolean stopping() {
        return stopping;
    }

    private void run() {
        while (!stopping) {
            try {
                turn();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ActiveMQException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                log.error("{} failed; its transaction is rolled back and tried again: {}", what, e.toString(), e);
                rollbackQuietly();
                pause();
            }
        }
    }

    private void rollbackQuietly() {
        try {
            session.rollback();
        } catch (ActiveMQException | RuntimeException e) {
            log.warn("rolling back after {} failed too: {}", what, e.toString());
        }
    }

    private void pause() {
        try {
            Thread.sleep(pauseAfterFailure.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** Stops the thread (waiting up to 5 s for a turn in progress) and closes the session. Idempotent. */
    @Override
    public void close() {
        stopping = true;
        wake();
        if (thread.isAlive()) {
            try {
                thread.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                log.warn("thread {} did not stop within {} s; interrupting it", thread.getName(),
                        STOP_TIMEOUT.toSeconds());
                thread.interrupt();
            }
        }
        if (session != null) {
            try {
                session.close();
            } catch (ActiveMQException e) {
                log.warn("closing the session of {} failed: {}", thread.getName(), e.toString());
            }
        }
    }
}
