package io.mqpool.supervisor;

import io.mqpool.config.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for, kills and cleans up after groups of worker processes, each step bounded by a
 * deadline read from the clock.
 */
final class ProcessStopper {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessStopper.class);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

    private final Clock clock;

    ProcessStopper(Clock clock) {
        this.clock = clock;
    }

    /** Kills every process and blocks up to 5 s until they are gone, logging survivors. */
    void killAndAwait(List<WorkerProcess> processes) {
        processes.forEach(WorkerProcess::kill);
        for (WorkerProcess survivor : awaitExits(processes, KILL_TIMEOUT)) {
            LOG.warn("worker {} (pid {}) is still alive {} after it was killed", survivor.id(),
                    survivor.pid(), Durations.inMessage(KILL_TIMEOUT));
        }
    }

    /** Blocks until every process exited or {@code timeout} passed; returns those alive. */
    List<WorkerProcess> awaitExits(List<WorkerProcess> processes, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        List<WorkerProcess> alive = new ArrayList<>();
        for (WorkerProcess process : processes) {
            try {
                if (!process.awaitExit(Duration.between(clock.instant(), deadline))) {
                    alive.add(process);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                alive.add(process);
            }
        }
        return alive;
    }

    /** Blocks up to 2 s in all for the watching threads of dead processes to end. */
    void joinThreads(List<WorkerProcess> processes) {
        Instant deadline = clock.instant().plus(JOIN_TIMEOUT);
        for (WorkerProcess process : processes) {
            try {
                Duration left = Duration.between(clock.instant(), deadline);
                process.joinThreads(left.isNegative() ? Duration.ZERO : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
