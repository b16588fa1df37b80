package io.mqpool.supervisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the supervisor's threads share: its worker slots, every process launched for them, the
 * jobs that ended, and whether it was started or closed. One lock guards it all, this object's
 * monitor: a caller holds {@code synchronized (slots)} across a read and the change it leads
 * to, and each method checks that it does. Nothing may wait on a process while holding it.
 */
final class WorkerSlots {

    private final List<WorkerSlot> slots = new ArrayList<>();
    private final List<WorkerProcess> everLaunched = new ArrayList<>();
    private final EndedJobs endedJobs = new EndedJobs();
    private final String idPrefix;
    private int lastId;
    private long restarts;

    /** @param idPrefix before each worker's number: {@code w} gives {@code w1}, {@code w2}, … */
    WorkerSlots(String idPrefix) {
        this.idPrefix = idPrefix;
    }
    private boolean started;
    private boolean closed;

    /** @throws IllegalStateException when already started or closed */
    void markStarted() {
        checkLocked();
        if (started || closed) {
            throw new IllegalStateException("the supervisor was already " + (closed ? "closed" : "started"));
        }
        started = true;
    }

    /** Marks the supervisor closed; false if it was closed before. */
    boolean markClosed() {
        checkLocked();
        boolean wasClosed = closed;
        closed = true;
        return !wasClosed;
    }

    boolean isClosed() {
        checkLocked();
        return closed;
    }

    /** @throws IllegalStateException when not started or closed */
    void checkRunning() {
        checkLocked();
        if (closed) {
            throw new IllegalStateException("the supervisor is closed");
        }
        if (!started) {
            throw new IllegalStateException("the supervisor is not started");
        }
    }

    /** A slot with the next id (such as {@code w1}, {@code w2}, …), not yet added. */
    WorkerSlot next(Duration maxRestartBackoff) {
        checkLocked();
        return new WorkerSlot(idPrefix + (++lastId), maxRestartBackoff);
    }

    void add(WorkerSlot slot) {
        checkLocked();
        slots.add(slot);
    }

    void remove(WorkerSlot slot) {
        checkLocked();
        slots.remove(slot);
    }

    boolean contains(WorkerSlot slot) {
        checkLocked();
        return slots.contains(slot);
    }

    /** Every slot, in id order; a copy, so the caller may remove slots while going through it. */
    List<WorkerSlot> all() {
        checkLocked();
        return List.copyOf(slots);
    }

    /** The slots that count towards the worker count, in id order. */
    List<WorkerSlot> active() {
        checkLocked();
        return slots.stream().filter(WorkerSlot::isActive).toList();
    }

    /** The slot whose current process is {@code process}. */
    Optional<WorkerSlot> slotOf(WorkerProcess process) {
        checkLocked();
        return slots.stream().filter(slot -> slot.process() == process).findFirst();
    }

    /** The current process of every slot that has one. */
    List<WorkerProcess> processes() {
        checkLocked();
        return slots.stream().map(WorkerSlot::process).filter(Objects::nonNull).toList();
    }

    /** Notes a process just launched, so that {@link #aliveLaunched()} finds it. */
    void launched(WorkerProcess process) {
        checkLocked();
        everLaunched.removeIf(p -> !p.isAlive());
        everLaunched.add(process);
    }

    /** Every process launched for any slot that is still alive, in a slot or not. */
    List<WorkerProcess> aliveLaunched() {
        checkLocked();
        return everLaunched.stream().filter(WorkerProcess::isAlive).toList();
    }

    /** Counts a restart of {@code slot}'s worker, on the slot and in the total. Holds the lock. */
    void countRestart(WorkerSlot slot) {
        checkLocked();
        slot.countRestart();
        restarts++;
    }

    /** Restarts of every worker since the start, of slots removed since too. Holds the lock. */
    long restarts() {
        checkLocked();
        return restarts;
    }

    EndedJobs endedJobs() {
        checkLocked();
        return endedJobs;
    }

    private void checkLocked() {
        assert Thread.holdsLock(this) : "the worker slots are used without their lock";
    }
}
