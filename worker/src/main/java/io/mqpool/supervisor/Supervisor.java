package io.mqpool.supervisor;

import io.mqpool.config.Durations;
import io.mqpool.config.WorkerSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches worker JVMs, restarts those that die, scales their number and stops them all.
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
 * once the worker has exited, so no more workers than the count ever run tasks. Thread-safe.
 */
public final class Supervisor implements AutoCloseable {

    /** Ended jobs a newly started worker is told of: enough for every chunk still around. */
    private static final int REMEMBERED_ENDED_JOBS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration HEALTHY_UPTIME = Duration.ofSeconds(30);
    private static final Duration READY_GRACE = Duration.ofSeconds(5);
    private static final int KEPT_DEATHS = 10_000;

    private final WorkerSettings settings;
    private final WorkerLaunch launch;
    private final Consumer<String> workerOutput;
    private final Consumer<Throwable> onFatal;
    private final PrintStream errCopy;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final TaskTimeouts taskTimeouts;
    private final ChunkDeaths deaths = new ChunkDeaths(KEPT_DEATHS);
    private final Object lock = new Object();
    private final CurrentTaskFiles currentTaskFiles = new CurrentTaskFiles();
    private final WorkerProcess.Listener listener = new WorkerProcess.Listener() {
        @Override
        public void exited(WorkerProcess process, int exitCode) {
            onExit(process, exitCode);
        }

        @Override
        public void lastChunkTaken(WorkerProcess process) {
            onLastChunk(process);
        }

        @Override
        public void retiring(WorkerProcess process) {
            onRetiring(process);
        }
    };
    private final List<WorkerSlot> slots = new ArrayList<>();
    private final List<WorkerProcess> everLaunched = new ArrayList<>();
    /** The latest jobs that ended, oldest first; every worker is told of them. */
    private final Set<String> endedJobs = new LinkedHashSet<>();
    private int lastId;
    private boolean started;
    private boolean closed;

    /**
     * Prepares a supervisor; nothing is launched until {@link #start()}.
     *
     * @param workerOutput receives every line the workers print on stdout, on their threads
     * @param onFatal told when a worker cannot be restarted; called on a supervisor thread
     */
    public Supervisor(WorkerSettings settings, WorkerLaunch launch, Consumer<String> workerOutput,
                      Consumer<Throwable> onFatal) {
        this(settings, launch, workerOutput, onFatal, System.err, Clock.systemUTC());
    }

    Supervisor(WorkerSettings settings, WorkerLaunch launch, Consumer<String> workerOutput,
               Consumer<Throwable> onFatal, PrintStream errCopy, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.launch = Objects.requireNonNull(launch, "launch");
        this.workerOutput = Objects.requireNonNull(workerOutput, "workerOutput");
        this.onFatal = Objects.requireNonNull(onFatal, "onFatal");
        this.errCopy = errCopy;
        this.clock = clock;
        // The thread is created with the first scheduled task, not here.
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mqpool-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
        this.taskTimeouts = new TaskTimeouts(this::liveProcesses, clock);
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
        synchronized (lock) {
            if (started || closed) {
                throw new IllegalStateException("the supervisor was already "
                        + (closed ? "closed" : "started"));
            }
            started = true;
        }
        taskTimeouts.start();
        startWorkers(settings.count());
    }

    /**
     * Tells every worker, and every worker started later, that job {@code jobId} ended, so
     * that the chunks of it they hold besides the one they run are dropped unrun. Does not block.
     */
    public void skipChunksOf(String jobId) {
        synchronized (lock) {
            endedJobs.add(jobId);
            if (endedJobs.size() > REMEMBERED_ENDED_JOBS) {
                endedJobs.remove(endedJobs.iterator().next());
            }
            for (WorkerSlot slot : slots) {
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
        synchronized (lock) {
            int killed = 0;
            for (WorkerSlot slot : slots) {
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
        synchronized (lock) {
            return slots.stream().map(WorkerSlot::view).toList();
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
        int missing;
        synchronized (lock) {
            checkRunning();
            List<WorkerSlot> active = slots.stream().filter(WorkerSlot::isActive).toList();
            missing = count - active.size();
            for (int i = active.size() - 1; i >= count; i--) {
                drain(active.get(i));
            }
        }
        if (missing > 0) {
            startWorkers(missing);
        }
    }

    /**
     * Drains every ready worker, waits up to 5 s for them to exit, then kills the rest and waits
     * up to 5 s more. Workers not ready yet and standby successors hold no chunk: they are
     * killed at once rather than waited for. Nothing restarts afterwards. Idempotent.
     */
    @Override
    public void close() {
        Stopping stopping;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = stopSlots();
        }
        scheduler.shutdownNow();
        taskTimeouts.close();
        stopping.idle().forEach(WorkerProcess::kill);
        List<WorkerProcess> live = new ArrayList<>(stopping.working());
        live.forEach(WorkerProcess::drain);
        live.addAll(stopping.idle());
        List<WorkerProcess> stubborn = ProcessStopper.awaitExits(live, DRAIN_TIMEOUT);
        if (!stubborn.isEmpty()) {
            LOG.warn("{} worker(s) did not drain within {}; killing them", stubborn.size(),
                    Durations.inMessage(DRAIN_TIMEOUT));
        }
        ProcessStopper.killAndAwait(stubborn);
        ProcessStopper.joinThreads(live);
        currentTaskFiles.deleteAll();
    }

    /** Kills every worker now and waits up to 5 s until they are gone. Idempotent. */
    public void terminate() {
        List<WorkerProcess> live;
        synchronized (lock) {
            closed = true;
            stopSlots();
            live = everLaunched.stream().filter(WorkerProcess::isAlive).toList();
        }
        scheduler.shutdownNow();
        taskTimeouts.close();
        ProcessStopper.killAndAwait(live);
        ProcessStopper.joinThreads(live);
        currentTaskFiles.deleteAll();
    }

    private void startWorkers(int count) {
        List<WorkerSlot> fresh = new ArrayList<>();
        List<CompletableFuture<Long>> readies = new ArrayList<>();
        WorkerStartException launchFailure = null;
        synchronized (lock) {
            checkRunning();
            try {
                for (int i = 0; i < count; i++) {
                    WorkerSlot slot = new WorkerSlot("w" + (++lastId), settings.maxRestartBackoff());
                    readies.add(launchInto(slot));
                    fresh.add(slot);
                    slots.add(slot);
                }

            } catch (WorkerStartException e) {
                launchFailure = e;
            }
        }
        try {
            if (launchFailure != null) {
                throw launchFailure;
            }
            ReadyBarrier.await(readies, settings.startTimeout().plus(READY_GRACE));
        } catch (WorkerStartException e) {
            abandon(fresh);
            throw e;
        }
        if (launch.maxTasksPerWorker() > 0) {
            synchronized (lock) {
                // Each worker's first successor starts now, unawaited: a worker may retire within
                // its first chunk, and a JVM start takes a second or more. Not sooner, so as not
                // to slow the start of the workers and the broker on a small machine.
                fresh.stream().filter(slot -> slot.successor() == null && !closed).forEach(this::launchSuccessor);
            }
        }
    }

    /**
     * Launches a process for {@code slot}; holds the lock. The returned future completes once
     * the slot's state reflects the outcome of the start.
     */
    private CompletableFuture<Long> launchInto(WorkerSlot slot) {
        WorkerProcess process = launchProcess(slot, false);
        slot.process(process);
        return process.ready().whenComplete((pid, failure) -> onReadyOutcome(slot, process, failure));
    }

    /**
     * Launches a process under {@code slot}'s id without making it the slot's process, failed
     * if not ready within the start timeout; holds the lock.
     */
    private WorkerProcess launchProcess(WorkerSlot slot, boolean standby) {
        Path currentTaskFile = currentTaskFiles.fileFor(slot.id());
        WorkerProcess process = WorkerProcess.launch(slot.id(),
                WorkerCommand.of(settings, launch, slot.id(), currentTaskFile, standby), currentTaskFile,
                clock, workerOutput, errCopy, listener);
        LOG.debug("launched worker {} (pid {}){}", slot.id(), process.pid(), standby
                ? " on standby" : slot.state() == WorkerState.RESTARTING ? " to replace the one before" : "");
        // A chunk of an ended job may come back to the queue from a worker that died holding it.
        endedJobs.forEach(process::skip);
        everLaunched.removeIf(p -> !p.isAlive());
        everLaunched.add(process);
        Duration timeout = settings.startTimeout();
        scheduler.schedule(() -> process.failStart(new WorkerStartException("worker "
                + slot.id() + " did not report ready within " + Durations.inMessage(timeout)
                + ": " + process.stderrSummary())), timeout.toMillis(), TimeUnit.MILLISECONDS);
        return process;
    }

    /** Launches the successor of a worker that took its last chunk before it retires. */
    private void onLastChunk(WorkerProcess process) {
        synchronized (lock) {
            WorkerSlot slot = slots.stream().filter(s -> s.process() == process).findFirst().orElse(null);
            if (slot == null || closed || slot.state() != WorkerState.RUNNING || slot.successor() != null) {
                return;
            }
            launchSuccessor(slot);
        }
    }

    /**
     * Launches a standby successor for {@code slot}'s worker, which takes over when that worker
     * retires; holds the lock.
     */
    private void launchSuccessor(WorkerSlot slot) {
        try {
            WorkerProcess successor = launchProcess(slot, true);
            slot.successor(successor);
            // Its start is judged once it takes over (onReadyOutcome ignores it until then).
            successor.ready().whenComplete((pid, failure) -> onReadyOutcome(slot, successor, failure));
        } catch (WorkerStartException e) {
            LOG.warn("{}; worker {} is replaced once it retired instead", e.getMessage(), slot.id());
        }
    }

    /**
     * A worker committed its last chunk and only exits from now on: its successor takes over at
     * once, rather than after the exit (which takes a few hundred ms), since the worker can run
     * no more tasks.
     */
    private void onRetiring(WorkerProcess process) {
        synchronized (lock) {
            WorkerSlot slot = slots.stream().filter(s -> s.process() == process).findFirst().orElse(null);
            if (slot == null || closed || slot.successor() == null) {
                return; // replaced after its exit instead, as any worker that ends on purpose
            }
            if (handOver(slot)) {
                // Its exit then finds it in no slot and restarts nothing.
                LOG.debug("worker {} (pid {}) retires; its successor took over", slot.id(), process.pid());
            }
        }
    }

    /**
     * Makes {@code slot}'s standby successor its process and lets it take chunks; holds the
     * lock. False when there is none alive to take over.
     */
    private boolean handOver(WorkerSlot slot) {
        WorkerProcess successor = slot.successor();
        slot.successor(null);
        if (successor == null || !successor.isAlive() || !successor.go()) {
            return false;
        }
        slot.process(successor);
        slot.countRestart();
        CompletableFuture<Long> ready = successor.ready();
        boolean isReady = ready.isDone() && !ready.isCompletedExceptionally();
        // Not ready yet: onReadyOutcome moves it on from RESTARTING, as for any restart.
        slot.state(isReady ? WorkerState.RUNNING : WorkerState.RESTARTING);
        LOG.debug("worker {} (pid {}) took over from its predecessor{}", slot.id(), successor.pid(),
                isReady ? "" : " before it was ready");
        return true;
    }

    /** Forgets the slots of a failed start and kills their processes, waiting for them. */
    private void abandon(List<WorkerSlot> fresh) {
        List<WorkerProcess> processes = new ArrayList<>();
        synchronized (lock) {
            for (WorkerSlot slot : fresh) {
                slot.state(WorkerState.STOPPED);
                slots.remove(slot);
                processes.add(slot.process());
                if (slot.successor() != null) {
                    processes.add(slot.successor());
                    slot.successor(null);
                }
            }
        }
        ProcessStopper.killAndAwait(processes);
    }

    private void onReadyOutcome(WorkerSlot slot, WorkerProcess process, Throwable failure) {
        WorkerStartException fatal = null;
        synchronized (lock) {
            if (slot.process() != process || closed || !slots.contains(slot)) {
                return;
            }
            if (failure == null) {
                LOG.debug("worker {} (pid {}) is ready after {} ms", slot.id(), process.pid(),
                        Duration.between(process.startedAt(), clock.instant()).toMillis());
                if (slot.state() == WorkerState.STARTING || slot.state() == WorkerState.RESTARTING) {
                    slot.state(WorkerState.RUNNING);
                    slot.resetStartFailures();
                }
                return;
            }
            if (slot.state() != WorkerState.RESTARTING) {
                return; // a failed first start is reported by startWorkers
            }
            int failures = slot.countStartFailure();
            if (failures >= settings.maxStartFailures()) {
                slot.state(WorkerState.STOPPED);
                fatal = new WorkerStartException("giving up on worker " + slot.id() + " after "
                        + failures + " failed starts in a row; last: "
                        + ReadyBarrier.asStartException(failure).getMessage(), failure);
            } else {
                LOG.warn("{}; retrying", ReadyBarrier.asStartException(failure).getMessage());
                scheduleRestart(slot, slot.backoff().next());
            }
        }
        if (fatal != null) {
            reportFatal(fatal);
        }
    }

    private void onExit(WorkerProcess process, int exitCode) {
        LOG.debug("worker {} (pid {}) exited with code {}", process.id(), process.pid(), exitCode);
        synchronized (lock) {
            WorkerSlot slot = slots.stream().filter(s -> s.process() == process).findFirst()
                    .orElse(null);
            if (slot == null) {
                forgetSuccessor(process, exitCode);
                return;
            }
            if (closed) {
                return;
            }
            CurrentChunk chunk = process.currentChunkWithTask();
            if (chunk != null) {
                // A drained worker commits its chunk and reports idle before it exits.
                deaths.record(ChunkDeath.of(chunk, slot.id(), process.killedForTimeout(),
                        exitCode));
            }
            if (slot.state() == WorkerState.DRAINING) {
                slot.state(WorkerState.STOPPED);
                slots.remove(slot);
                return;
            }
            if (slot.state() != WorkerState.RUNNING) {
                return; // a start that failed: onReadyOutcome handles it
            }
            if (process.endedOnPurpose()) {
                // The task's fault, not the worker's: restart soon, leave the crash backoff alone.
                if (!handOver(slot)) {
                    scheduleRestart(slot, RestartBackoff.INITIAL);
                }
                return;
            }
            Duration uptime = Duration.between(process.startedAt(), clock.instant());
            if (uptime.compareTo(HEALTHY_UPTIME) >= 0) {
                slot.backoff().reset();
            }
            LOG.warn("worker {} (pid {}) exited unexpectedly with code {}{}; restarting it",
                    slot.id(), process.pid(), exitCode, chunk == null ? ""
                            : " running task " + chunk.taskIndex() + " of chunk "
                            + chunk.jobId() + ":" + chunk.chunkNo());
            if (!handOver(slot)) {
                scheduleRestart(slot, slot.backoff().next());
            }
        }
    }

    /** A standby successor died before it took over: its slot restarts as usual. Holds the lock. */
    private void forgetSuccessor(WorkerProcess process, int exitCode) {
        for (WorkerSlot slot : slots) {
            if (slot.successor() == process) {
                slot.successor(null);
                if (!closed) {
                    LOG.warn("the standby successor of worker {} exited with code {} before it took over: {}",
                            slot.id(), exitCode, process.stderrSummary());
                }
                return;
            }
        }
    }

    /** Holds the lock. */
    private void scheduleRestart(WorkerSlot slot, Duration pause) {
        slot.state(WorkerState.RESTARTING);
        slot.pendingRestart(scheduler.schedule(() -> restart(slot), pause.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    private void restart(WorkerSlot slot) {
        WorkerStartException failure;
        synchronized (lock) {
            if (closed || slot.state() != WorkerState.RESTARTING || !slots.contains(slot)) {
                return;
            }
            slot.pendingRestart(null);
            slot.countRestart();
            try {
                launchInto(slot);
                return;
            } catch (WorkerStartException e) {
                failure = e;
            }
        }
        // Outside the lock, as for a JVM that exited before it was ready: onFatal may run.
        WorkerProcess stale;
        synchronized (lock) {
            stale = slot.process();
        }
        onReadyOutcome(slot, stale, failure);
    }

    /** The processes of the slots, for the task-timeout checks. Takes the lock briefly. */
    private List<WorkerProcess> liveProcesses() {
        synchronized (lock) {
            return slots.stream().map(WorkerSlot::process).filter(Objects::nonNull).toList();
        }
    }

    /** Holds the lock. */
    private void drain(WorkerSlot slot) {
        slot.cancelPendingRestart();
        killSuccessor(slot);
        WorkerProcess process = slot.process();
        if (slot.state() == WorkerState.RUNNING && process.drain()) {
            slot.state(WorkerState.DRAINING);
            return;
        }
        // Not running (restarting, or dead already): there is no chunk to finish.
        slot.state(WorkerState.STOPPED);
        slots.remove(slot);
        process.kill();
    }

    /** Holds the lock. */
    private static void killSuccessor(WorkerSlot slot) {
        if (slot.successor() != null) {
            slot.successor().kill();
            slot.successor(null);
        }
    }

    /**
     * The live processes of stopped slots: those that may run a chunk, and those that cannot
     * (not ready yet, or on standby), which can be killed without losing anything.
     */
    private record Stopping(List<WorkerProcess> working, List<WorkerProcess> idle) {
    }

    /** Marks every slot stopped and returns its live processes; holds the lock. */
    private Stopping stopSlots() {
        List<WorkerProcess> working = new ArrayList<>();
        List<WorkerProcess> idle = new ArrayList<>();
        for (WorkerSlot slot : slots) {
            slot.cancelPendingRestart();
            slot.state(WorkerState.STOPPED);
            WorkerProcess process = slot.process();
            if (process != null && process.isAlive()) {
                // A worker prints its ready line before its first receive: unready, it holds nothing.
                CompletableFuture<Long> ready = process.ready();
                boolean isReady = ready.isDone() && !ready.isCompletedExceptionally();
                (isReady ? working : idle).add(process);
            }
            WorkerProcess successor = slot.successor();
            if (successor != null && successor.isAlive()) {
                idle.add(successor);
            }
            slot.successor(null);
        }
        return new Stopping(working, idle);
    }

    private void reportFatal(WorkerStartException fatal) {
        LOG.error(fatal.getMessage());
        try {
            onFatal.accept(fatal);
        } catch (RuntimeException e) {
            LOG.error("the fatal-error handler failed: {}", e.toString(), e);
        }
    }

    private void checkRunning() {
        if (closed) {
            throw new IllegalStateException("the supervisor is closed");
        }
        if (!started) {
            throw new IllegalStateException("the supervisor is not started");
        }
    }
}
