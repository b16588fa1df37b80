package io.mqpool.supervisor;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * One worker id and its current process, across restarts. Mutable; every access holds the
 * lock of the {@link WorkerSlots} it is in.
 */
final class WorkerSlot {

    private final String id;
    private final RestartBackoff backoff;
    private WorkerProcess process;
    /** A process started on standby to take over once {@link #process} retires, or null. */
    private WorkerProcess successor;
    private WorkerState state = WorkerState.STARTING;
    private int restarts;
    private int consecutiveStartFailures;
    private ScheduledFuture<?> pendingRestart;

    WorkerSlot(String id, Duration maxRestartBackoff) {
        this.id = id;
        this.backoff = new RestartBackoff(maxRestartBackoff);
    }

    String id() {
        return id;
    }

    WorkerProcess process() {
        return process;
    }

    void process(WorkerProcess newProcess) {
        this.process = newProcess;
    }

    WorkerProcess successor() {
        return successor;
    }

    void successor(WorkerProcess standby) {
        this.successor = standby;
    }

    WorkerState state() {
        return state;
    }

    void state(WorkerState newState) {
        this.state = newState;
    }

    RestartBackoff backoff() {
        return backoff;
    }

    int restarts() {
        return restarts;
    }

    void countRestart() {
        restarts++;
    }

    /** Counts one more failed start in a row and returns how many there are now. */
    int countStartFailure() {
        return ++consecutiveStartFailures;
    }

    void resetStartFailures() {
        consecutiveStartFailures = 0;
    }

    void pendingRestart(ScheduledFuture<?> restart) {
        this.pendingRestart = restart;
    }

    /** Cancels a scheduled restart, if any. */
    void cancelPendingRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
    }

    /** Whether this slot counts towards the worker count: not draining, not given up. */
    boolean isActive() {
        return state != WorkerState.DRAINING && state != WorkerState.STOPPED;
    }

    WorkerView view() {
        return new WorkerView(id, process == null ? -1 : process.pid(), state,
                process == null ? null : process.startedAt(), restarts,
                process == null ? null : process.currentChunkWithTask(), process == null ? 0 : process.tasksDone());
    }
}
