package io.mqpool.broker;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.time.Duration;
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
    /** While the same failure repeats (a full disk, a lost broker), it is logged this often. */
    private static final long REPEAT_LOG_NANOS = Duration.ofSeconds(30).toNanos();

    private final BrokerConnection connection;
    private final String what;
    private final Duration pauseAfterFailure;
    private final Thread thread;
    private volatile boolean stopping;
    private Session session;
    private String lastFailure;
    private long lastFailureLoggedAt;
    private int repeatsNotLogged;

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
    public final void start() throws JMSException {
        session = transacted() ? connection.openTransactedSession() : connection.openSession();
        open(session);
        thread.start();
    }

    /**
     * Whether the loop's session is transacted (the default): its turns commit what they
     * received and sent together. A loop whose messages carry nothing durable may say no.
     */
    protected boolean transacted() {
        return true;
    }

    /** Creates the consumers and producers of {@code session}; called once, before the first turn. */
    protected abstract void open(Session session) throws JMSException;

    /** One unit of work; blocks at most a few hundred milliseconds when there is nothing to do. */
    protected abstract void turn() throws JMSException, InterruptedException;

    /** Wakes a turn that waits for work, so that {@link #close()} need not wait for it. */
    protected void wake() {
    }

    protected final Session session() {
        return session;
    }

    protected final boolean stopping() {
        return stopping;
    }

    private void run() {
        while (!stopping) {
            try {
                turn();
                if (lastFailure != null) {
                    log.info("{} works again after {} more failures", what, repeatsNotLogged);
                    lastFailure = null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (JMSException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                logFailure(e);
                rollbackQuietly();
                pause();
            }
        }
    }

    /** Logs a new failure with its stack; the same one again only every 30 s, with a count. */
    private void logFailure(Exception e) {
        long now = System.nanoTime();
        String failure = e.toString();
        if (!failure.equals(lastFailure)) {
            log.error("{} failed; its transaction is rolled back and tried again: {}", what, failure, e);
            lastFailure = failure;
            lastFailureLoggedAt = now;
            repeatsNotLogged = 0;
        } else if (now - lastFailureLoggedAt >= REPEAT_LOG_NANOS) {
            log.error("{} still fails ({} times more): {}", what, repeatsNotLogged + 1, failure);
            lastFailureLoggedAt = now;
            repeatsNotLogged = 0;
        } else {
            repeatsNotLogged++;
        }
    }

    private void rollbackQuietly() {
        if (!transacted()) {
            return;
        }
        try {
            session.rollback();
        } catch (JMSException | RuntimeException e) {
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

    /**
     * Whether this loop may be told to stop ({@link #stopSoon()}) before its own turn to close
     * comes, with the others; a loop that still has work for the closing, such as the results
     * the last workers sent, says no.
     */
    public boolean stopsEarly() {
        return true;
    }

    /**
     * Asks the thread to stop after the turn in progress, without waiting: several loops told so
     * at once wait out their last receive together, where closing them one by one adds the
     * waits up. Idempotent; {@link #close()} still has to follow.
     */
    public void stopSoon() {
        stopping = true;
        wake();
    }

    /** Stops the thread (waiting up to 5 s for a turn in progress) and closes the session. Idempotent. */
    @Override
    public void close() {
        stopSoon();
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
            } catch (JMSException e) {
                log.warn("closing the session of {} failed: {}", thread.getName(), e.toString());
            }
        }
    }
}
