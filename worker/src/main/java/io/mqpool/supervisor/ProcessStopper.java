package io.mqpool.supervisor;

import io.mqpool.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for, kills and cleans up after groups of worker processes, each step time-bounded. */
final class ProcessStopper {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessStopper.class);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

    private ProcessStopper() {
    }

    /** Kills every process and blocks up to 5 s until they are gone, logging survivors. */
    static void killAndAwait(List<WorkerProcess> processes) {
        processes.forEach(WorkerProcess::kill);
        for (WorkerProcess survivor : awaitExits(processes, KILL_TIMEOUT)) {
            LOG.warn("worker {} (pid {}) is still alive {} after it was killed", survivor.id(),
                    survivor.pid(), Durations.inMessage(KILL_TIMEOUT));
        }
    }

    /** Blocks until every process exited or {@code timeout} passed; returns those alive. */
    static List<WorkerProcess> awaitExits(List<WorkerProcess> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<WorkerProcess> alive = new ArrayList<>();
        for (WorkerProcess process : processes) {
            try {
                if (!process.awaitExit(Duration.ofNanos(deadline - System.nanoTime()))) {
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
    static void joinThreads(List<WorkerProcess> processes) {
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        for (WorkerProcess process : processes) {
            try {
                process.joinThreads(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
