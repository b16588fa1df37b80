package io.mqpool.supervisor;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standby successors, for workers with a task limit: a worker's successor JVM is launched as
 * the worker takes its last chunk (the first ones as soon as the workers are ready), connects
 * and reports ready holding no chunk, and takes over the moment the worker has committed that
 * chunk. Its start so overlaps the last chunk, and no more workers than the count run tasks.
 */
final class StandbySuccessors {

    private static final Logger LOG = LoggerFactory.getLogger(StandbySuccessors.class);

    private final WorkerSlots slots;
    private final WorkerLauncher launcher;
    private final WorkerRestarts restarts;

    StandbySuccessors(WorkerSlots slots, WorkerLauncher launcher, WorkerRestarts restarts) {
        this.slots = slots;
        this.launcher = launcher;
        this.restarts = restarts;
    }

    /**
     * Launches a standby successor for {@code slot}'s worker, which takes over when that worker
     * retires; holds the lock. One that cannot be launched is logged: the worker is then
     * replaced after it retired, as any worker that ends on purpose.
     */
    void launchFor(WorkerSlot slot) {
        try {
            WorkerProcess successor = launcher.launch(slot, true);
            slot.successor(successor);
            // Its start is judged once it takes over (ignored until then).
            restarts.judgeStart(slot, successor);
        } catch (WorkerStartException e) {
            LOG.warn("{}; worker {} is replaced once it retired instead", e.getMessage(), slot.id());
        }
    }

    /** {@code process} took its last chunk before it retires: its successor starts now. */
    void lastChunkTaken(WorkerProcess process) {
        synchronized (slots) {
            WorkerSlot slot = slots.slotOf(process).orElse(null);
            if (slot == null || slots.isClosed() || slot.state() != WorkerState.RUNNING || slot.successor() != null) {
                return;
            }
            launchFor(slot);
        }
    }

    /**
     * {@code process} committed its last chunk and only exits from now on: its successor takes
     * over at once, rather than after the exit (which takes a few hundred ms), since the worker
     * can run no more tasks.
     */
    void retiring(WorkerProcess process) {
        synchronized (slots) {
            WorkerSlot slot = slots.slotOf(process).orElse(null);
            if (slot == null || slots.isClosed() || slot.successor() == null) {
                return; // replaced after its exit instead, as any worker that ends on purpose
            }
            if (handOver(slot)) {
                // Its exit then finds it in no slot and restarts nothing.
                LOG.debug("worker {} (pid {}) retires; its successor took over", slot.id(), process.pid());
            }
        }
    }

    /**
     * Makes {@code slot}'s standby successor its process and lets it take chunks; holds the
     * lock. False when there is none alive to take over.
     */
    boolean handOver(WorkerSlot slot) {
        WorkerProcess successor = slot.successor();
        slot.successor(null);
        if (successor == null || !successor.isAlive() || !successor.go()) {
            return false;
        }
        slot.process(successor);
        slots.countRestart(slot);
        CompletableFuture<Long> ready = successor.ready();
        boolean isReady = ready.isDone() && !ready.isCompletedExceptionally();
        // Not ready yet: its start is judged as for any restart, which moves it on from RESTARTING.
        slot.state(isReady ? WorkerState.RUNNING : WorkerState.RESTARTING);
        LOG.debug("worker {} (pid {}) took over from its predecessor{}", slot.id(), successor.pid(),
                isReady ? "" : " before it was ready");
        return true;
    }

    /**
     * A process that exited in no slot: if it was a standby successor, which died before it took
     * over, its slot forgets it (and gets a fresh process once its worker ends). Holds the lock.
     */
    void exitedInNoSlot(WorkerProcess process, int exitCode) {
        for (WorkerSlot slot : slots.all()) {
            if (slot.successor() == process) {
                slot.successor(null);
                if (!slots.isClosed()) {
                    LOG.warn("the standby successor of worker {} exited with code {} before it took over: {}",
                            slot.id(), exitCode, process.stderrSummary());
                }
                return;
            }
        }
    }

    /** Kills {@code slot}'s successor, if it has one, and forgets it; holds the lock. */
    static void dismiss(WorkerSlot slot) {
        if (slot.successor() != null) {
            slot.successor().kill();
            slot.successor(null);
        }
    }
}
