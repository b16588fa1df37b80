package io.mqpool.engine.remote;

import java.time.Instant;
import java.util.List;

/**
 * A supervisor on another host as the engine last heard of it.
 *
 * @param hostId its id, unique among the hosts of this server
 * @param host the host's name
 * @param pid the supervisor's process id
 * @param draining it was told to drain and is finishing its chunks
 * @param heardAt when its latest report came
 * @param lost not heard from for {@link RemoteSupervisors#LOST_AFTER}
 * @param workers its workers, as of that report
 */
public record RemoteHost(String hostId, String host, long pid, boolean draining, Instant heardAt, boolean lost,
                         List<Worker> workers) {

    public RemoteHost {
        workers = List.copyOf(workers);
    }

    /**
     * One worker of a remote host.
     *
     * @param state idle, busy, starting, draining, restarting or stopped; lost for a lost host
     * @param jobId the job of the chunk it runs, or null when idle
     */
    public record Worker(String id, long pid, String state, Instant startedAt, int restarts, String jobId,
                         Integer chunkNo, Long firstIndex, Integer size, long tasksDone) {
    }
}
