package io.mqpool.supervisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Changes the number of workers: new ones are launched together and waited for, all abandoned
 * if one fails to start; the newest of those beyond the count are drained (or stopped at once
 * when they run no chunk).
 */
final class WorkerScaling {

    /** Beyond the start timeout, for the deadline of a worker to fire and be reported. */
    private static final Duration READY_GRACE = Duration.ofSeconds(5);

    private final LaunchSpec spec;
    private final WorkerSlots slots;
    private final WorkerRestarts restarts;
    private final StandbySuccessors standby;
    private final ProcessStopper stopper;

    WorkerScaling(LaunchSpec spec, WorkerSlots slots, WorkerRestarts restarts, StandbySuccessors standby,
                  ProcessStopper stopper) {
        this.spec = spec;
        this.slots = slots;
        this.restarts = restarts;
        this.standby = standby;
        this.stopper = stopper;
    }

    /**
     * Launches {@code count} workers at once and blocks until every one is ready (at most the
     * start timeout and 5 s); then, with a task limit, launches their first successors.
     *
     * @throws WorkerStartException when one fails to start; every worker of this call has been
     *     killed by then
     * @throws IllegalStateException when not started or closed
     */
    void add(int count) {
        List<WorkerSlot> fresh = new ArrayList<>();
        List<CompletableFuture<Long>> readies = new ArrayList<>();
        WorkerStartException launchFailure = null;
        synchronized (slots) {
            slots.checkRunning();
            try {
                for (int i = 0; i < count; i++) {
                    WorkerSlot slot = slots.next(spec.settings().maxRestartBackoff());
                    readies.add(restarts.launchInto(slot));
                    fresh.add(slot);
                    slots.add(slot);
                }
            } catch (WorkerStartException e) {
                launchFailure = e;
            }
        }
        try {
            if (launchFailure != null) {
                throw launchFailure;
            }
            ReadyBarrier.await(readies, spec.settings().startTimeout().plus(READY_GRACE));
        } catch (WorkerStartException e) {
            abandon(fresh);
            throw e;
        }
        if (spec.launch().maxTasksPerWorker() > 0) {
            synchronized (slots) {
                // Each worker's first successor starts now, unawaited: a worker may retire within
                // its first chunk, and a JVM start takes a second or more. Not sooner, so as not
                // to slow the start of the workers and the broker on a small machine.
                fresh.stream().filter(slot -> slot.successor() == null && !slots.isClosed())
                        .forEach(standby::launchFor);
            }
        }
    }

    /**
     * Changes the number of workers to {@code count}. Growing blocks until the new workers are
     * ready; shrinking tells the newest workers to drain and returns at once.
     *
     * @throws IllegalStateException when not started or closed
     */
    void scale(int count) {
        int missing;
        synchronized (slots) {
            slots.checkRunning();
            List<WorkerSlot> active = slots.active();
            missing = count - active.size();
            for (int i = active.size() - 1; i >= count; i--) {
                drain(active.get(i));
            }
        }
        if (missing > 0) {
            add(missing);
        }
    }

    /** Lets {@code slot}'s worker finish its chunk and exit, or stops it now; holds the lock. */
    private void drain(WorkerSlot slot) {
        slot.cancelPendingRestart();
        StandbySuccessors.dismiss(slot);
        WorkerProcess process = slot.process();
        if (slot.state() == WorkerState.RUNNING && process.drain()) {
            slot.state(WorkerState.DRAINING);
            return;
        }
        // Not running (restarting, or dead already): there is no chunk to finish.
        slot.state(WorkerState.STOPPED);
        slots.remove(slot);
        process.kill();
    }

    /** Forgets the slots of a failed start and kills their processes, waiting for them. */
    private void abandon(List<WorkerSlot> fresh) {
        List<WorkerProcess> processes = new ArrayList<>();
        synchronized (slots) {
            for (WorkerSlot slot : fresh) {
                slot.state(WorkerState.STOPPED);
                slots.remove(slot);
                processes.add(slot.process());
                if (slot.successor() != null) {
                    processes.add(slot.successor());
                    slot.successor(null);
                }
            }
        }
        stopper.killAndAwait(processes);
    }
}
