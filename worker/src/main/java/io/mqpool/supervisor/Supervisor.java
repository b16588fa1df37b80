package io.mqpool.supervisor;

import io.mqpool.config.WorkerSettings;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches worker JVMs, restarts those that die, scales their number and stops them all: the
 * facade over the parts that do each ({@link WorkerLauncher}, {@link WorkerRestarts},
 * {@link StandbySuccessors}, {@link WorkerExits}, {@link WorkerScaling}, {@link WorkerShutdown}),
 * which share the slots and their one lock ({@link WorkerSlots}).
 *
 * <p>A worker that dies while running is restarted under the same id after a pause (100 ms,
 * doubling up to {@code maxRestartBackoff}, back to 100 ms after 30 s of healthy uptime).
 * After {@code maxStartFailures} failed starts in a row the supervisor gives up on that
 * worker and reports it to {@code onFatal}.
 *
 * <p>A worker whose current task runs past its chunk's task timeout is killed (thread
 * {@code mqpool-task-timeouts}, checking every 100 ms) and restarted after 100 ms; such a kill
 * does not lengthen the pause before later restarts. When a worker that was running a chunk
 * dies or is killed, the supervisor keeps a {@link ChunkDeath} for the chunk (the last 10,000
 * chunks): see {@link #deathOf}.
 *
 * <p>With a task limit per worker, a worker's successor is launched on standby as soon as the
 * worker takes its last chunk, so that its JVM start overlaps that chunk; it takes chunks only
 * once the worker has exited, so no more workers than the count ever run tasks.
 *
 * <p>Time that decides behaviour (start deadlines, the uptime before a crash, task timeouts, the
 * drain deadline) is read from the clock given. Thread-safe.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final int KEPT_DEATHS = 10_000;

    private final WorkerSettings settings;
    private final WorkerSlots slots;
    private final ChunkDeaths deaths = new ChunkDeaths(KEPT_DEATHS);
    private final TaskTimeouts taskTimeouts;
    private final StandbySuccessors standby;
    private final WorkerExits exits;
    private final WorkerScaling scaling;
    private final WorkerShutdown shutdown;
    private final List<WorkerExitListener> exitListeners = new CopyOnWriteArrayList<>();
    private final WorkerLauncher launcher;

    /**
     * Prepares a supervisor on the system clock; nothing is launched until {@link #start()}.
     *
     * @param workerOutput receives every line the workers print on stdout, on their threads
     * @param onFatal told when a worker cannot be restarted; called on a supervisor thread
     */
    public Supervisor(WorkerSettings settings, WorkerLaunch launch, Consumer<String> workerOutput,
                      Consumer<Throwable> onFatal) {
        this(settings, launch, workerOutput, onFatal, Clock.systemUTC());
    }

    /**
     * Like {@link #Supervisor(WorkerSettings, WorkerLaunch, Consumer, Consumer)}, reading the
     * time that decides behaviour from {@code clock}.
     */
    public Supervisor(WorkerSettings settings, WorkerLaunch launch, Consumer<String> workerOutput,
                      Consumer<Throwable> onFatal, Clock clock) {
        this(settings, launch, workerOutput, onFatal, clock, "w");
    }

    /**
     * Like {@link #Supervisor(WorkerSettings, WorkerLaunch, Consumer, Consumer, Clock)}, naming
     * the workers {@code idPrefix} and a number: a supervisor on another host makes its workers'
     * ids unique among all hosts this way.
     */
    public Supervisor(WorkerSettings settings, WorkerLaunch launch, Consumer<String> workerOutput,
                      Consumer<Throwable> onFatal, Clock clock, String idPrefix) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.slots = new WorkerSlots(Objects.requireNonNull(idPrefix, "idPrefix"));
        Objects.requireNonNull(onFatal, "onFatal");
        LaunchSpec spec = new LaunchSpec(settings, launch, workerOutput, System.err, clock);
        SupervisorThread thread = new SupervisorThread();
        WorkerLauncher launcher = new WorkerLauncher(spec, slots, thread, new Events());
        this.launcher = launcher;
        WorkerRestarts restarts = new WorkerRestarts(spec, slots, launcher, thread, onFatal);
        ProcessStopper stopper = new ProcessStopper(clock);
        this.standby = new StandbySuccessors(slots, launcher, restarts);
        this.exits = new WorkerExits(slots, deaths, standby, restarts);
        this.scaling = new WorkerScaling(spec, slots, restarts, standby, stopper);
        this.taskTimeouts = new TaskTimeouts(this::liveProcesses, clock);
        this.shutdown = new WorkerShutdown(slots, thread, taskTimeouts, launcher, stopper);
    }

    /**
     * Starts {@code settings.count()} workers at once and blocks until every one printed its
     * ready line (about a second; at most {@code startTimeout}).
     *
     * @throws WorkerStartException when a worker fails to start; every worker started by this
     *     call has been killed by then
     * @throws IllegalStateException when already started or closed
     */
    public void start() {
        synchronized (slots) {
            slots.markStarted();
        }
        taskTimeouts.start();
        scaling.add(settings.count());
    }

    /**
     * Tells every worker, and every worker started later, that job {@code jobId} ended, so
     * that the chunks of it they hold besides the one they run are dropped unrun. Does not block.
     */
    public void skipChunksOf(String jobId) {
        synchronized (slots) {
            slots.endedJobs().add(jobId);
            for (WorkerSlot slot : slots.all()) {
                WorkerProcess process = slot.process();
                if (process != null && process.isAlive()) {
                    process.skip(jobId);
                }
                if (slot.successor() != null) {
                    slot.successor().skip(jobId);
                }
            }
        }
    }

    /**
     * Kills the workers running a chunk of {@code jobId}, because that job was cancelled or ran
     * past its deadline; they are replaced at once. Does not wait for them to exit.
     *
     * @return how many workers were killed
     */
    public int stopChunksOf(String jobId) {
        synchronized (slots) {
            int killed = 0;
            for (WorkerSlot slot : slots.all()) {
                WorkerProcess process = slot.process();
                CurrentChunk chunk = process == null ? null : process.currentChunk();
                if (chunk != null && chunk.jobId().equals(jobId) && process.isAlive()) {
                    LOG.info("stopping worker {} (pid {}): its job {} has ended", slot.id(), process.pid(), jobId);
                    process.killForJobEnd();
                    killed++;
                }
            }
            return killed;
        }
    }

    /** A snapshot of every worker, in id order. Does not block. */
    public List<WorkerView> workers() {
        synchronized (slots) {
            return slots.all().stream().map(WorkerSlot::view).toList();
        }
    }

    /**
     * How many times a worker was restarted since the supervisor started (after dying, being
     * killed for a timeout or a job's end, or retiring), workers scaled away since included.
     * Does not block.
     */
    public long restarts() {
        synchronized (slots) {
            return slots.restarts();
        }
    }

    /**
     * How the worker running chunk {@code chunkNo} of job {@code jobId} last ended, if one died
     * or was killed while running it (not by {@link #close()} or {@link #terminate()}). Does
     * not block.
     */
    public Optional<ChunkDeath> deathOf(String jobId, int chunkNo) {
        return deaths.of(jobId, chunkNo);
    }

    /**
     * Changes the number of workers. Growing blocks until the new workers are ready;
     * shrinking tells the newest workers to drain (finish their current chunk, then exit)
     * and returns at once.
     *
     * @throws WorkerStartException when a new worker fails to start (the new ones are killed)
     * @throws IllegalArgumentException when {@code count} is negative
     * @throws IllegalStateException when not started or closed
     */
    public void scale(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("worker count must be 0 or more, not " + count);
        }
        scaling.scale(count);
    }

    /**
     * Drains every ready worker, waits up to 5 s for them to exit, then kills the rest and waits
     * up to 5 s more. Workers not ready yet and standby successors hold no chunk: they are
     * killed at once rather than waited for. Nothing restarts afterwards. Idempotent.
     */
    @Override
    public void close() {
        shutdown.close();
    }

    /** Kills every worker now and waits up to 5 s until they are gone. Idempotent. */
    public void terminate() {
        shutdown.terminate();
    }

    /**
     * Calls {@code listener} with each death of a worker that was running a chunk, once the death
     * is kept for {@link #deathOf}; on a supervisor thread, so it must not block.
     */
    public void onChunkDeath(Consumer<ChunkDeath> listener) {
        deaths.onRecord(listener);
    }

    /**
     * Tells {@code listener} of every worker process that exits from now on, before the
     * supervisor acts on the exit: the engine frees the locks the process held.
     */
    public void onWorkerExit(WorkerExitListener listener) {
        exitListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The processes of the slots, for the task-timeout checks. Takes the lock briefly. */
    private List<WorkerProcess> liveProcesses() {
        synchronized (slots) {
            return slots.processes();
        }
    }

    /** Passes on what each process reports to the part that acts on it. */
    private final class Events implements WorkerProcess.Listener {
        @Override
        public void exited(WorkerProcess process, int exitCode) {
            for (WorkerExitListener listener : exitListeners) {
                try {
                    listener.exited(process.id(), process.pid());
                } catch (RuntimeException e) {
                    LOG.warn("a listener failed on the exit of worker {}: {}", process.id(), e.toString());
                }
            }
            launcher.exited(process, exitCode);
            exits.exited(process, exitCode);
        }

        @Override
        public void lastChunkTaken(WorkerProcess process) {
            standby.lastChunkTaken(process);
        }

        @Override
        public void retiring(WorkerProcess process) {
            standby.retiring(process);
        }
    }
}
