package io.mqpool.threads;

/**
 * One task running on a thread, which a timeout, a cancel or a terminate may stop. Stopping
 * interrupts that thread once, and only while the task still runs, and {@link #end()} clears
 * what it delivered: an interrupt meant for one task never reaches the next one the thread runs.
 */
public final class TaskRun {

    private final Thread thread;
    /** Guarded by this. */
    private boolean ended;
    /** Guarded by this. */
    private boolean stopped;

    private TaskRun(Thread thread) {
        this.thread = thread;
    }

    /** A run of a task about to start on the calling thread. */
    public static TaskRun onThisThread() {
        return new TaskRun(Thread.currentThread());
    }

    /** The thread the task runs on. */
    public Thread thread() {
        return thread;
    }

    /**
     * Interrupts the task's thread, unless the task has ended or was stopped already. Does not
     * wait for the task: one that ignores interrupts runs on, and its outcome is not used.
     *
     * @return whether this call stopped the run (its caller then decides the task's outcome)
     */
    public synchronized boolean stop() {
        if (ended || stopped) {
            return false;
        }
        stopped = true;
        thread.interrupt(); // under the lock, so that end() finds it delivered and clears it
        return true;
    }

    /**
     * Called on the task's thread once the task has returned or thrown.
     *
     * @return whether the task's outcome stands: false if the run was stopped first
     */
    public boolean end() {
        boolean wasStopped;
        synchronized (this) {
            ended = true;
            wasStopped = stopped;
        }
        if (wasStopped) {
            Thread.interrupted();
        }
        return !wasStopped;
    }
}
