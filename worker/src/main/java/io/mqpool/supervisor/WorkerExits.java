package io.mqpool.supervisor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the exit of a worker process means: the death of the chunk it was running, to remember;
 * the end of a drain; a standby successor lost; or a worker to replace, by its successor if it
 * has one ready, else by a restart.
 */
final class WorkerExits {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerExits.class);

    private final WorkerSlots slots;
    private final ChunkDeaths deaths;
    private final StandbySuccessors standby;
    private final WorkerRestarts restarts;

    WorkerExits(WorkerSlots slots, ChunkDeaths deaths, StandbySuccessors standby, WorkerRestarts restarts) {
        this.slots = slots;
        this.deaths = deaths;
        this.standby = standby;
        this.restarts = restarts;
    }

    /** {@code process} exited with {@code exitCode}; called on its exit thread. */
    void exited(WorkerProcess process, int exitCode) {
        LOG.debug("worker {} (pid {}) exited with code {}", process.id(), process.pid(), exitCode);
        synchronized (slots) {
            WorkerSlot slot = slots.slotOf(process).orElse(null);
            if (slot == null) {
                standby.exitedInNoSlot(process, exitCode);
                return;
            }
            if (slots.isClosed()) {
                return;
            }
            CurrentChunk chunk = process.currentChunkWithTask();
            if (chunk != null) {
                // A drained worker commits its chunk and reports idle before it exits.
                deaths.record(ChunkDeath.of(chunk, slot.id(), process.killedForTimeout(), exitCode));
            }
            if (slot.state() == WorkerState.DRAINING) {
                slot.state(WorkerState.STOPPED);
                slots.remove(slot);
                return;
            }
            if (slot.state() != WorkerState.RUNNING) {
                return; // a start that failed: the judging of its start handles it
            }
            if (process.endedOnPurpose()) {
                // The task's fault, not the worker's: restart soon, leave the crash backoff alone.
                if (!standby.handOver(slot)) {
                    restarts.restartSoon(slot);
                }
                return;
            }
            restarts.forgiveIfItRanLong(slot, process);
            LOG.warn("worker {} (pid {}) exited unexpectedly with code {}{}; restarting it",
                    slot.id(), process.pid(), exitCode, chunk == null ? ""
                            : " running task " + chunk.taskIndex() + " of chunk "
                            + chunk.jobId() + ":" + chunk.chunkNo());
            if (!standby.handOver(slot)) {
                restarts.restartAfterCrash(slot);
            }
        }
    }
}
