package io.mqpool.supervisor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings workers back and judges their starts. A worker that crashed is restarted under the
 * same id after a pause (100 ms, doubling up to {@code maxRestartBackoff}, back to 100 ms after
 * 30 s of healthy uptime by the clock); one that ended on purpose (killed for a timeout or a job
 * end, or retired) after 100 ms, leaving the pause alone. After {@code maxStartFailures} failed
 * starts in a row it gives up on the worker and tells {@code onFatal}, outside the lock.
 */
final class WorkerRestarts {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerRestarts.class);
    private static final Duration HEALTHY_UPTIME = Duration.ofSeconds(30);

    private final LaunchSpec spec;
    private final WorkerSlots slots;
    private final WorkerLauncher launcher;
    private final SupervisorThread thread;
    private final Consumer<Throwable> onFatal;

    WorkerRestarts(LaunchSpec spec, WorkerSlots slots, WorkerLauncher launcher, SupervisorThread thread,
                   Consumer<Throwable> onFatal) {
        this.spec = spec;
        this.slots = slots;
        this.launcher = launcher;
        this.thread = thread;
        this.onFatal = onFatal;
    }

    /**
     * Launches a process for {@code slot} and makes it the slot's process; holds the lock. The
     * returned future completes once the slot's state reflects the outcome of the start.
     *
     * @throws WorkerStartException when the program cannot be run at all
     */
    CompletableFuture<Long> launchInto(WorkerSlot slot) {
        WorkerProcess process = launcher.launch(slot, false);
        slot.process(process);
        return judgeStart(slot, process);
    }

    /**
     * Judges the start of {@code process} once it is {@code slot}'s process and its ready line
     * came or did not: running, or restarted, or given up on. Until it is the slot's process (a
     * standby successor before it took over) its outcome is ignored.
     */
    CompletableFuture<Long> judgeStart(WorkerSlot slot, WorkerProcess process) {
        return process.ready().whenComplete((pid, failure) -> onReadyOutcome(slot, process, failure));
    }

    /** Restarts {@code slot} after 100 ms: its worker ended through no fault of its own. Holds the lock. */
    void restartSoon(WorkerSlot slot) {
        scheduleRestart(slot, RestartBackoff.INITIAL);
    }

    /** Restarts {@code slot}, whose worker crashed, after the slot's pause, which then doubles. Holds the lock. */
    void restartAfterCrash(WorkerSlot slot) {
        scheduleRestart(slot, slot.backoff().next());
    }

    /**
     * Sets the pause back to 100 ms if {@code process} ran for 30 s before it crashed, whether a
     * successor takes over or a restart follows. Holds the lock.
     */
    void forgiveIfItRanLong(WorkerSlot slot, WorkerProcess process) {
        Duration uptime = Duration.between(process.startedAt(), spec.clock().instant());
        if (uptime.compareTo(HEALTHY_UPTIME) >= 0) {
            slot.backoff().reset();
        }
    }

    private void onReadyOutcome(WorkerSlot slot, WorkerProcess process, Throwable failure) {
        WorkerStartException fatal = null;
        synchronized (slots) {
            if (slot.process() != process || slots.isClosed() || !slots.contains(slot)) {
                return;
            }
            if (failure == null) {
                LOG.debug("worker {} (pid {}) is ready after {} ms", slot.id(), process.pid(),
                        Duration.between(process.startedAt(), spec.clock().instant()).toMillis());
                if (slot.state() == WorkerState.STARTING || slot.state() == WorkerState.RESTARTING) {
                    slot.state(WorkerState.RUNNING);
                    slot.resetStartFailures();
                }
                return;
            }
            if (slot.state() != WorkerState.RESTARTING) {
                return; // a failed first start is reported by whoever started it
            }
            int failures = slot.countStartFailure();
            if (failures >= spec.settings().maxStartFailures()) {
                slot.state(WorkerState.STOPPED);
                fatal = new WorkerStartException("giving up on worker " + slot.id() + " after "
                        + failures + " failed starts in a row; last: "
                        + ReadyBarrier.asStartException(failure).getMessage(), failure);
            } else {
                LOG.warn("{}; retrying", ReadyBarrier.asStartException(failure).getMessage());
                scheduleRestart(slot, slot.backoff().next());
            }
        }
        if (fatal != null) {
            reportFatal(fatal);
        }
    }

    /** Holds the lock. */
    private void scheduleRestart(WorkerSlot slot, Duration pause) {
        slot.state(WorkerState.RESTARTING);
        slot.pendingRestart(thread.schedule(pause, () -> restart(slot)));
    }

    private void restart(WorkerSlot slot) {
        WorkerStartException failure;
        synchronized (slots) {
            if (slots.isClosed() || slot.state() != WorkerState.RESTARTING || !slots.contains(slot)) {
                return;
            }
            slot.pendingRestart(null);
            slots.countRestart(slot);
            try {
                launchInto(slot);
                return;
            } catch (WorkerStartException e) {
                failure = e;
            }
        }
        // Outside the lock, as for a JVM that exited before it was ready: onFatal may run.
        WorkerProcess stale;
        synchronized (slots) {
            stale = slot.process();
        }
        onReadyOutcome(slot, stale, failure);
    }

    private void reportFatal(WorkerStartException fatal) {
        LOG.error(fatal.getMessage());
        try {
            onFatal.accept(fatal);
        } catch (RuntimeException e) {
            LOG.error("the fatal-error handler failed: {}", e.toString(), e);
        }
    }
}
