package io.mqpool.server.web;

import io.mqpool.supervisor.CurrentChunk;
import io.mqpool.supervisor.WorkerView;
import java.time.Duration;
import java.time.Instant;

/**
 * A worker process as {@code GET /api/workers} shows it.
 *
 * @param state idle, busy, starting, draining, restarting or stopped
 * @param job the job of the chunk it runs; null (as are chunk, firstIndex and size) when idle
 */
record WorkerInfo(String id, long pid, String state, String job, Integer chunk, Long firstIndex, Integer size,
                  long tasksDone, long uptimeMs, int restarts) {

    static WorkerInfo of(WorkerView worker, Instant now) {
        CurrentChunk current = worker.current();
        long uptime = worker.startedAt() == null ? 0
                : Math.max(0, Duration.between(worker.startedAt(), now).toMillis());
        return new WorkerInfo(worker.id(), worker.pid(), worker.activity(),
                current == null ? null : current.jobId(), current == null ? null : current.chunkNo(),
                current == null ? null : current.firstIndex(), current == null ? null : current.size(),
                worker.tasksDone(), uptime, worker.restarts());
    }
}
