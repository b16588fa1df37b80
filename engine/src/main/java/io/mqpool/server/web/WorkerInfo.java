package io.mqpool.server.web;

import io.mqpool.engine.remote.RemoteHost;
import io.mqpool.supervisor.CurrentChunk;
import io.mqpool.supervisor.WorkerView;
import java.time.Duration;
import java.time.Instant;

/**
 * A worker process as {@code GET /api/workers} shows it.
 *
 * @param state idle, busy, starting, draining, restarting or stopped; lost when its host stopped reporting
 * @param job the job of the chunk it runs; null (as are chunk, firstIndex and size) when idle
 * @param host the name of the host it runs on
 * @param hostId the id of its supervisor on another host ({@code mqpool workers drain HOST_ID}); null
 *     for the server's own workers
 */
record WorkerInfo(String id, long pid, String state, String job, Integer chunk, Long firstIndex, Integer size,
                  long tasksDone, long uptimeMs, int restarts, String host, String hostId) {

    /** One of the server's own workers, on {@code host}. */
    static WorkerInfo of(WorkerView worker, Instant now, String host) {
        CurrentChunk current = worker.current();
        long uptime = worker.startedAt() == null ? 0
                : Math.max(0, Duration.between(worker.startedAt(), now).toMillis());
        return new WorkerInfo(worker.id(), worker.pid(), worker.activity(),
                current == null ? null : current.jobId(), current == null ? null : current.chunkNo(),
                current == null ? null : current.firstIndex(), current == null ? null : current.size(),
                worker.tasksDone(), uptime, worker.restarts(), host, null);
    }

    /** A worker of a supervisor on another host, as its latest report had it. */
    static WorkerInfo of(RemoteHost host, RemoteHost.Worker worker, Instant now) {
        long uptime = worker.startedAt().toEpochMilli() == 0 ? 0
                : Math.max(0, Duration.between(worker.startedAt(), now).toMillis());
        return new WorkerInfo(worker.id(), worker.pid(), worker.state(), worker.jobId(), worker.chunkNo(),
                worker.firstIndex(), worker.size(), worker.tasksDone(), uptime, worker.restarts(), host.host(),
                host.hostId());
    }
}
