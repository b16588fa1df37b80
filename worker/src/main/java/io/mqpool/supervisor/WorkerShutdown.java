package io.mqpool.supervisor;

import io.mqpool.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops every worker for good: gracefully (drain, wait, then kill) or at once. Either way the
 * slots are marked closed first, under the lock, so that nothing restarts; the waiting happens
 * outside it.
 */
final class WorkerShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerShutdown.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private final WorkerSlots slots;
    private final SupervisorThread thread;
    private final TaskTimeouts taskTimeouts;
    private final WorkerLauncher launcher;
    private final ProcessStopper stopper;

    WorkerShutdown(WorkerSlots slots, SupervisorThread thread, TaskTimeouts taskTimeouts, WorkerLauncher launcher,
                   ProcessStopper stopper) {
        this.slots = slots;
        this.thread = thread;
        this.taskTimeouts = taskTimeouts;
        this.launcher = launcher;
        this.stopper = stopper;
    }

    /**
     * Drains every ready worker, waits up to 5 s by the clock for them to exit, then kills the
     * rest and waits up to 5 s more. Workers not ready yet and standby successors are killed at
     * once. Idempotent.
     */
    void close() {
        Stopping stopping;
        synchronized (slots) {
            if (!slots.markClosed()) {
                return;
            }
            stopping = stopSlots();
        }
        thread.close();
        taskTimeouts.close();
        stopping.idle().forEach(WorkerProcess::kill);
        List<WorkerProcess> live = new ArrayList<>(stopping.working());
        live.forEach(WorkerProcess::drain);
        live.addAll(stopping.idle());
        List<WorkerProcess> stubborn = stopper.awaitExits(live, DRAIN_TIMEOUT);
        if (!stubborn.isEmpty()) {
            LOG.warn("{} worker(s) did not drain within {}; killing them", stubborn.size(),
                    Durations.inMessage(DRAIN_TIMEOUT));
        }
        stopper.killAndAwait(stubborn);
        stopper.joinThreads(live);
        launcher.deleteCurrentTaskFiles();
    }

    /** Kills every process ever launched that is alive and waits up to 5 s until they are gone. Idempotent. */
    void terminate() {
        List<WorkerProcess> live;
        synchronized (slots) {
            slots.markClosed();
            stopSlots();
            live = slots.aliveLaunched();
        }
        thread.close();
        taskTimeouts.close();
        stopper.killAndAwait(live);
        stopper.joinThreads(live);
        launcher.deleteCurrentTaskFiles();
    }

    /**
     * The live processes of stopped slots: those that may run a chunk, and those that cannot
     * (not ready yet, or on standby), which can be killed without losing anything.
     */
    private record Stopping(List<WorkerProcess> working, List<WorkerProcess> idle) {
    }

    /** Marks every slot stopped and returns its live processes; holds the lock. */
    private Stopping stopSlots() {
        List<WorkerProcess> working = new ArrayList<>();
        List<WorkerProcess> idle = new ArrayList<>();
        for (WorkerSlot slot : slots.all()) {
            slot.cancelPendingRestart();
            slot.state(WorkerState.STOPPED);
            WorkerProcess process = slot.process();
            if (process != null && process.isAlive()) {
                // A worker prints its ready line before its first receive: unready, it holds nothing.
                CompletableFuture<Long> ready = process.ready();
                boolean isReady = ready.isDone() && !ready.isCompletedExceptionally();
                (isReady ? working : idle).add(process);
            }
            WorkerProcess successor = slot.successor();
            if (successor != null && successor.isAlive()) {
                idle.add(successor);
            }
            slot.successor(null);
        }
        return new Stopping(working, idle);
    }
}
