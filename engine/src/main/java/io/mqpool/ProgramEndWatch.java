package io.mqpool;

import io.mqpool.broker.BrokerThreads;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that the program using a pool has ended while the pool is open, and then runs an
 * action once, on thread {@code mqpool-exit-cleanup}; thread {@code mqpool-exit-watch} looks
 * every 100 ms.
 *
 * <p>The program has ended when its {@code main} has returned (the launcher's thread
 * {@code DestroyJavaVM} then waits for the last non-daemon thread) and the only non-daemon
 * threads left are those of mqpool's brokers: those never end by themselves, so the JVM would
 * wait for ever. A shutdown hook cannot notice this, as the JVM starts its shutdown only after
 * the last non-daemon thread has ended; nor can the brokers' threads all be made daemon (see
 * {@link BrokerThreads}). It is the rule the JVM itself applies, less the brokers: a program
 * whose own non-daemon threads still run after {@code main} keeps its pool until they end.
 */
final class ProgramEndWatch implements AutoCloseable {

    /** The name HotSpot's launcher gives the thread that waits, after main, for the JVM to end. */
    static final String LAUNCHER_THREAD = "DestroyJavaVM";
    private static final long INTERVAL_MILLIS = 100;
    private static final Logger log = LoggerFactory.getLogger(ProgramEndWatch.class);

    /** A live thread as the rule sees it. */
    record ThreadView(String name, boolean daemon) {
    }

    private final Runnable onProgramEnd;
    private final Thread thread;
    private volatile boolean stopped;

    /** Prepares a watch; it starts looking with {@link #start()}. */
    ProgramEndWatch(Runnable onProgramEnd) {
        this.onProgramEnd = onProgramEnd;
        this.thread = new Thread(this::run, "mqpool-exit-watch");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** True once main has returned and no non-daemon thread is left but the brokers'. */
    static boolean programHasEnded(Collection<ThreadView> threads) {
        boolean mainReturned = false;
        for (ThreadView thread : threads) {
            if (thread.daemon()) {
                continue;
            }
            if (thread.name().equals(LAUNCHER_THREAD)) {
                mainReturned = true;
            } else if (!BrokerThreads.isBrokerThread(thread.name())) {
                return false;
            }
        }
        return mainReturned;
    }

    /**
     * Stops watching; the action does not run after this returns, unless it already runs.
     * Does not block. Idempotent; may be called by the action itself.
     */
    @Override
    public void close() {
        stopped = true;
        if (Thread.currentThread() != thread) {
            thread.interrupt();
        }
    }

    private void run() {
        while (!stopped) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
                if (!stopped && programHasEnded(liveThreads())) {
                    stopped = true;
                    actOnProgramEnd();
                }
            } catch (InterruptedException e) {
                return; // closed
            } catch (RuntimeException e) {
                log.warn("acting on the end of the program failed: {}", e.toString(), e);
            }
        }
    }

    /**
     * Runs the action on a thread of its own that is not a daemon: the action stops the brokers,
     * whose threads are the last non-daemon ones, and the JVM would end the moment they are gone,
     * cutting the action short before it has removed what the pool left on disk.
     */
    private void actOnProgramEnd() throws InterruptedException {
        Thread actor = new Thread(() -> {
            try {
                onProgramEnd.run();
            } catch (RuntimeException e) {
                log.warn("acting on the end of the program failed: {}", e.toString(), e);
            }
        }, "mqpool-exit-cleanup");
        actor.setDaemon(false);
        actor.start();
        actor.join();
    }

    /** Every live thread of the JVM, without their stacks (no safepoint, unlike a thread dump). */
    private static List<ThreadView> liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads;
        int count;
        do {
            // enumerate drops the threads that do not fit: try again with room to spare.
            threads = new Thread[root.activeCount() * 2 + 16];
            count = root.enumerate(threads, true);
        } while (count == threads.length);
        List<ThreadView> views = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (threads[i].isAlive()) {
                views.add(new ThreadView(threads[i].getName(), threads[i].isDaemon()));
            }
        }
        return views;
    }
}
