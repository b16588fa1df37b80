package io.mqpool.supervisor;

import io.mqpool.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches worker JVMs under the ids of slots: builds each command line, starts the process,
 * tells it the jobs that ended, and fails its start if it did not report ready by its start
 * deadline ({@code startTimeout} after its launch, by the clock).
 */
final class WorkerLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerLauncher.class);

    private final LaunchSpec spec;
    private final WorkerSlots slots;
    private final SupervisorThread thread;
    private final WorkerProcess.Listener listener;
    private final CurrentTaskFiles currentTaskFiles;
    private final Optional<WorkerClassArchive> classArchive;

    /** @param listener told what each launched process reports */
    WorkerLauncher(LaunchSpec spec, WorkerSlots slots, SupervisorThread thread, WorkerProcess.Listener listener) {
        this.spec = spec;
        this.slots = slots;
        this.thread = thread;
        this.listener = listener;
        this.currentTaskFiles = new CurrentTaskFiles(spec.launch().currentTaskDir());
        this.classArchive = WorkerClassArchive.of(spec.settings(), spec.clock());
    }

    /**
     * Launches a process under {@code slot}'s id without making it the slot's process; with
     * {@code standby}, it waits for {@code go} once ready. Holds the slots' lock; does not wait
     * for the process to be ready.
     *
     * @throws WorkerStartException when the program cannot be run at all
     */
    WorkerProcess launch(WorkerSlot slot, boolean standby) {
        Path currentTaskFile = currentTaskFiles.fileFor(slot.id());
        List<String> archiveOptions = classArchive.map(WorkerClassArchive::nextOptions).orElse(List.of());
        WorkerProcess process = WorkerProcess.launch(slot.id(),
                WorkerCommand.of(spec.settings(), archiveOptions, spec.launch(), slot.id(), currentTaskFile, standby),
                currentTaskFile, spec, listener);
        classArchive.ifPresent(archive -> archive.launched(process.pid(), archiveOptions));
        LOG.debug("launched worker {} (pid {}){}", slot.id(), process.pid(), standby
                ? " on standby" : slot.state() == WorkerState.RESTARTING ? " to replace the one before" : "");
        slots.endedJobs().tell(process);
        slots.launched(process);
        Duration timeout = spec.settings().startTimeout();
        Instant deadline = process.startedAt().plus(timeout);
        thread.schedule(timeout, () -> failUnlessReadyBy(process, deadline));
        return process;
    }

    /** A worker process exited: the class archive it recorded, if any, is kept. */
    void exited(WorkerProcess process, int exitCode) {
        classArchive.ifPresent(archive -> archive.exited(process.pid(), exitCode));
    }

    /** Removes the workers' current-task files; for when every worker is gone. */
    void deleteCurrentTaskFiles() {
        currentTaskFiles.deleteAll();
    }

    /**
     * Fails the start of {@code process} if it is not ready and the clock says {@code deadline}
     * passed; else looks again when it will have. Runs on the supervisor's thread.
     */
    private void failUnlessReadyBy(WorkerProcess process, Instant deadline) {
        if (process.ready().isDone()) {
            return;
        }
        Duration left = Duration.between(spec.clock().instant(), deadline);
        if (!left.isNegative() && !left.isZero()) {
            try {
                thread.schedule(left, () -> failUnlessReadyBy(process, deadline));
            } catch (RejectedExecutionException e) {
                // The supervisor closed meanwhile: closing stops this process with the rest.
                LOG.debug("not checking the start of worker {} again: the supervisor is closed", process.id());
            }
            return;
        }
        process.failStart(new WorkerStartException("worker " + process.id() + " did not report ready within "
                + Durations.inMessage(spec.settings().startTimeout()) + ": " + process.stderrSummary()));
    }
}
