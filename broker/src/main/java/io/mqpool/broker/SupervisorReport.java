package io.mqpool.broker;

import java.util.List;
import java.util.Objects;

/**
 * What a supervisor on another host says of itself every few seconds, on {@link Queues#SUPERVISORS}.
 *
 * @param hostId the supervisor's id, unique among the hosts of one server, such as {@code hostb-4711}
 * @param host the host's name
 * @param pid the supervisor's process id
 * @param draining it was told to drain: its workers finish their chunks and it exits
 * @param workers its workers now
 */
public record SupervisorReport(String hostId, String host, long pid, boolean draining, List<Worker> workers) {

    public SupervisorReport {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(host, "host");
        workers = List.copyOf(workers);
    }

    /**
     * One worker of the report.
     *
     * @param state idle, busy, starting, draining, restarting or stopped
     * @param startedAtMillis when its current process was launched, in ms since 1970 UTC
     * @param jobId the job of the chunk it runs, or null when idle
     */
    public record Worker(String id, long pid, String state, long startedAtMillis, int restarts, String jobId,
                         Integer chunkNo, Long firstIndex, Integer size, long tasksDone) {
    }

    /**
     * A worker that died while it ran a chunk: which task it was running and how it ended.
     *
     * @param pid the process that died
     * @param exit how the process ended, such as {@code signal 9}
     */
    public record Death(String hostId, String jobId, int chunkNo, String workerId, long pid, long taskIndex,
                        boolean timedOut, long taskTimeoutMillis, String exit) {
    }
}
