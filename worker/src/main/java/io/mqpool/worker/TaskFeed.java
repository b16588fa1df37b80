package io.mqpool.worker;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException;

/**
 * The worker's consumer on the task queue. It takes one chunk at a time, or holds a few ahead
 * while chunks are quick ({@link PrefetchPolicy}), and hands the held ones back to the queue
 * when a chunk runs long: closing a consumer returns the chunks it holds, uncounted as
 * deliveries, while the running chunk, received and so acknowledged, stays in the open
 * transaction. One chunk at a time and holding ahead are two {@link Lane}s, on connections of
 * different consumer windows; the feed switches between them only between transactions.
 *
 * <p>Sessions are not thread-safe, and three threads touch them: the worker's loop, the
 * hand-back watchdog {@code mqpool-worker-hand-back}, and the stdin thread (a drain wakes the
 * loop). So everything but waiting for a chunk and running one happens under {@link #lock()},
 * which the loop holds while it works on a session. Closing a consumer is the one call
 * Jakarta Messaging allows during another thread's receive.
 *
 * <p>Waiting is a receive without a timeout. With a window of 0, a receive that times out
 * resets the consumer's credit while a chunk may already be on its way, and the chunk that
 * arrives late leaves a credit behind: idle workers were then handed two chunks at once. A
 * drain closes the consumer instead, which ends the wait.
 */
final class TaskFeed implements AutoCloseable {

    private static final long WATCH_EVERY_NANOS = 5_000_000;
    private static final long WATCHDOG_JOIN_MILLIS = 1_000;

    private final WorkerSessions sessions;
    private final PrefetchPolicy policy;
    private final WorkerLog log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread watchdog;
    private volatile boolean closed;
    /** Guarded by {@link #lock}. */
    private MessageConsumer consumer;
    /** The lane of the chunks in hand: that of {@link #consumer}, or of the last one; guarded by {@link #lock}. */
    private Lane lane;
    /** The window of {@link #consumer}; written under {@link #lock}, read by the watchdog. */
    private volatile int consumerWindow;
    /** Set once the loop should take no more chunks; guarded by {@link #lock}. */
    private boolean woken;
    private volatile boolean running;
    private volatile long runningSince;
    /** The thread waiting in {@link #next()}, if any; guarded by {@link #waiterGuard}. */
    private Thread waiter;
    /** Set once the connection failed; guarded by {@link #waiterGuard}. */
    private boolean connectionLost;
    private final Object waiterGuard = new Object();

    TaskFeed(WorkerSessions sessions, WorkerLog log) {
        this.sessions = sessions;
        this.policy = new PrefetchPolicy(sessions.holding() == null ? 0 : sessions.holding().window());
        this.log = log;
        this.lane = sessions.single();
        this.watchdog = new Thread(this::watch, "mqpool-worker-hand-back");
        watchdog.setDaemon(true);
        if (sessions.holding() != null) {
            watchdog.start();
        }
    }

    /** Takes the lock that guards the session. The loop holds it except in {@link #next()}. */
    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /**
     * The lane of the chunks in hand: their results go out and their transaction commits on
     * its session. Call with the lock held.
     */
    Lane lane() {
        return lane;
    }

    /**
     * Waits for the next chunk, without holding the lock. Returns null once {@link #wake()}
     * was called, or when the consumer was closed under the wait. The chunk is acknowledged in
     * the open transaction of {@link #lane()} by its receipt, so a hand-back cannot return it
     * to the queue.
     *
     * @throws JMSException when the consumer cannot be opened, or the connection is lost
     */
    Message next() throws JMSException {
        MessageConsumer waitingOn;
        lock.lock();
        try {
            if (woken) {
                return null;
            }
            Lane wanted = policy.window() == 0 ? sessions.single() : sessions.holding();
            if (consumer != null && lane != wanted) {
                closeConsumer();
            }
            if (consumer == null) {
                consumer = wanted.openTaskConsumer();
                consumerWindow = wanted.window();
            }
            lane = wanted;
            waitingOn = consumer;
        } finally {
            lock.unlock();
        }
        synchronized (waiterGuard) {
            if (connectionLost) {
                throw lost();
            }
            waiter = Thread.currentThread();
        }
        try {
            return waitingOn.receive();
        } catch (JMSException e) {
            synchronized (waiterGuard) {
                if (connectionLost) {
                    // Only connectionLost() interrupts this thread.
                    throw lost();
                }
            }
            if (closedUnder(waitingOn)) {
                return null;
            }
            throw e;
        } finally {
            synchronized (waiterGuard) {
                waiter = null;
                // An interrupt that came after the receive returned is for nobody.
                Thread.interrupted();
            }
        }
    }

    /** Whether {@code waitedOn} was closed here (by a drain or a hand-back) while a receive began. */
    private boolean closedUnder(MessageConsumer waitedOn) {
        lock.lock();
        try {
            return consumer != waitedOn;
        } finally {
            lock.unlock();
        }
    }

    private static JMSException lost() {
        JMSException e = new JMSException("the connection to the broker was lost");
        e.initCause(new ActiveMQNotConnectedException("the connection to the broker was lost"));
        return e;
    }

    /**
     * Ends a wait in {@link #next()} with an exception after the connection failed, and makes
     * every later call throw at once. A lost connection closes the consumers it knows, which
     * ends a wait too; but a consumer whose creation crossed the failure is never closed, and
     * a wait on it would never end. Safe from any thread; interrupts nothing but that wait.
     */
    void connectionLost() {
        synchronized (waiterGuard) {
            connectionLost = true;
            if (waiter != null) {
                waiter.interrupt();
            }
        }
    }

    /**
     * A chunk that is already held, or null: never waits, and never asks the broker when the
     * worker takes one chunk at a time (asking costs the round trip that holding saves).
     * Call with the lock held.
     */
    Message nextIfHeld() throws JMSException {
        if (woken || consumer == null || consumerWindow == 0 || policy.window() != consumerWindow) {
            return null;
        }
        return consumer.receiveNoWait();
    }

    /**
     * Runs a chunk's work without the lock. Meanwhile the watchdog may hand back the chunks
     * held ahead, once the work has run for {@link PrefetchPolicy#HAND_BACK_AFTER_NANOS}.
     * Call with the lock held; it is held again on return.
     */
    <T> T run(Supplier<T> work) {
        long start = System.nanoTime();
        runningSince = start;
        running = true;
        if (consumerWindow != 0) {
            LockSupport.unpark(watchdog);
        }
        lock.unlock();
        try {
            return work.get();
        } finally {
            lock.lock();
            running = false;
            policy.ran(System.nanoTime() - start);
        }
    }

    /**
     * Goes back to taking one chunk at a time, from the next {@link #next()} on: the chunks
     * held ahead are handed back then. Call with the lock held.
     */
    void takeOneAtATime() {
        policy.startOver();
    }

    /**
     * Makes {@link #next()} return null from now on, ending a wait in progress, and hands back
     * any chunks held ahead. Safe from any thread.
     */
    void wake() {
        lock.lock();
        try {
            woken = true;
            closeConsumer();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(watchdog);
        try {
            watchdog.join(WATCHDOG_JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            closeConsumer();
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps until a chunk runs while others are held, then checks on it every few ms. */
    private void watch() {
        while (!closed) {
            if (running && consumerWindow != 0) {
                LockSupport.parkNanos(WATCH_EVERY_NANOS);
                if (running && PrefetchPolicy.handBackDue(System.nanoTime() - runningSince)) {
                    handBackIfHolding();
                }
            } else {
                LockSupport.park(this);
            }
        }
    }

    private void handBackIfHolding() {
        lock.lock();
        try {
            if (running && consumer != null && consumerWindow != 0) {
                closeConsumer();
            }
        } finally {
            lock.unlock();
        }
    }

    private void closeConsumer() {
        if (consumer == null) {
            return;
        }
        try {
            // Sends the acknowledgements not sent yet, then returns the held chunks.
            consumer.close();
        } catch (JMSException e) {
            log.line("closing the task consumer failed: " + e.getMessage());
        }
        consumer = null;
        consumerWindow = 0;
    }
}
