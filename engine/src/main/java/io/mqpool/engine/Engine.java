package io.mqpool.engine;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.config.BrokerSettings;
import io.mqpool.config.SecretFiles;
import io.mqpool.config.Settings;
import io.mqpool.engine.collect.ResultCollector;
import io.mqpool.engine.dispatch.Dispatcher;
import io.mqpool.engine.events.JobEvents;
import io.mqpool.engine.events.JobSignal;
import io.mqpool.engine.monitor.EngineMonitor;
import io.mqpool.engine.monitor.MonitoredParts;
import io.mqpool.engine.remote.RemoteHost;
import io.mqpool.engine.remote.RemoteSupervisors;
import io.mqpool.engine.retry.RetryHandler;
import io.mqpool.engine.state.SharedState;
import io.mqpool.engine.state.StateService;
import io.mqpool.engine.store.JobDeletion;
import io.mqpool.engine.store.JobState;
import io.mqpool.engine.store.JobStore;
import io.mqpool.engine.store.StoreLocation;
import io.mqpool.jobs.TaskJson;
import io.mqpool.jobs.TaskRegistry;
import io.mqpool.supervisor.Supervisor;
import io.mqpool.supervisor.WorkerLaunch;
import io.mqpool.supervisor.WorkerView;
import jakarta.jms.JMSException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of a running mqpool: broker (embedded, or one it connects to), job
 * store, dispatcher, collector and the supervisor with its worker processes. {@code Pool} and
 * the server both sit on one.
 */
public final class Engine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final Settings settings;
    private final TaskRegistry registry;
    private final TaskJson json = new TaskJson();
    private final JobEvents events = new JobEvents();
    private final Clock clock;
    private final Shutdown shutdown = new Shutdown();
    private final EngineMonitor monitor = new EngineMonitor();
    private EngineBroker broker;
    private JobStore store;
    private JobQueries queries;
    private JobResults results;
    private volatile SharedState state;
    private Dispatcher dispatcher;
    private Supervisor supervisor;
    private RemoteSupervisors remotes;
    private DeadLetterOffice deadLetters;
    private StuckJobs stuck;
    private CompletableFuture<Void> workersStart;
    private JobSubmitter submitter;
    /** Read by the deadline timer's thread, which starts before it is set: no deadline is armed before. */
    private volatile JobEnder ender;

    private Engine(Settings settings, TaskRegistry registry, Clock clock) {
        this.settings = settings;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Starts every part and resumes the jobs the store holds as running. Blocks until the
     * workers are ready (a few seconds).
     *
     * @param workerOutput receives the lines workers print on their standard output
     * @throws EngineStartException with a one-line reason if any part cannot start; whatever
     *     had started is stopped again
     */
    public static Engine start(Settings settings, Consumer<String> workerOutput) {
        return start(settings, WorkerOptions.NONE, workerOutput);
    }

    /**
     * Like {@link #start(Settings, Consumer)}, with an initializer and a task limit for the
     * workers. A failing initializer fails the start with its error.
     */
    public static Engine start(Settings settings, WorkerOptions options, Consumer<String> workerOutput) {
        Engine engine = begin(settings, options, workerOutput);
        engine.awaitWorkers();
        return engine;
    }

    /**
     * Starts every part and resumes the jobs the store holds as running, without waiting for
     * the workers to be ready: chunks wait for them in the broker. Call {@link #awaitWorkers()}
     * before reporting the engine as started.
     *
     * @throws EngineStartException with a one-line reason if a part cannot start; whatever had
     *     started is stopped again
     */
    public static Engine begin(Settings settings, WorkerOptions options, Consumer<String> workerOutput) {
        TaskRegistry registry = TaskRegistry.load(settings.tasksDir(), Engine.class.getClassLoader());
        Engine engine = new Engine(settings, registry, Clock.systemUTC());
        try {
            engine.startParts(options, workerOutput);
            return engine;
        } catch (RuntimeException | JMSException e) {
            engine.terminate();
            throw e instanceof EngineStartException start ? start : new EngineStartException(e);
        }
    }

    /**
     * Blocks until the workers started by {@link #begin} are ready (a second or two).
     *
     * @throws EngineStartException if they cannot start, such as a worker JVM that fails (with
     *     its error output); the whole engine is stopped then
     */
    public void awaitWorkers() {
        try {
            Background.join(workersStart);
        } catch (RuntimeException e) {
            terminate();
            throw e instanceof EngineStartException start ? start : new EngineStartException(e);
        }
    }

    /**
     * Starts the broker and the worker JVMs at the same time (each takes about a second; the
     * workers wait for the broker), and opens the store meanwhile. With {@code broker.url} the
     * engine connects to that broker first instead, and starts none.
     */
    private void startParts(WorkerOptions options, Consumer<String> workerOutput) throws JMSException {
        Path dataDir = settings.dataDir();
        createDirectory(dataDir);
        shutdown.add("data directory lock",
                DataDirLock.acquire(dataDir, "engine.lock", "mqpool engine", ProcessHandle.current().pid()));
        BrokerSettings brokerSettings = settings.broker();
        broker = shutdown.add("broker", brokerSettings.remote().map(EngineBroker::remote)
                .orElseGet(() -> EngineBroker.embedded(brokerSettings, dataDir)));
        // Checked before anything starts in the background: an unregistered initializer fails here.
        // The current-task files live in the locked data directory: the next engine on it takes
        // over what a killed one left, where a directory in the temporary directory would stay.
        WorkerLaunch launch = options.launch(broker.workerUrl(), brokerSettings.consumerWindowSize(),
                settings.tasksDir(), broker.workerCredentialsFile(), dataDir.resolve("current-tasks"), registry,
                json);
        broker.startInBackground();
        supervisor = new Supervisor(settings.worker(), launch, workerOutput, this::fatal, clock);
        supervisor.onWorkerExit((workerId, pid) -> {
            SharedState shared = state;
            if (shared != null) { // a worker that died before the store opened held nothing
                shared.workerDied(workerId, pid);
            }
        });
        workersStart = Background.run("mqpool-workers-start", () -> {
            supervisor.start();
            return null;
        });
        BrokerConnection connection;
        try {
            store = shutdown.add("job store", JobStore.open(storeLocation(settings, dataDir), clock));
            queries = new JobQueries(store);
            results = new JobResults(store);
            state = new SharedState(store.counters(), store.arrays(), store.collections(), store.locks(), clock,
                    SharedState.SESSION_LAPSE);
            connection = broker.connection();
        } catch (RuntimeException | JMSException e) {
            supervisor.terminate();
            throw e;
        }
        deadLetters = shutdown.add("dead letters", new DeadLetterOffice(broker, store));
        Deadlines deadlines = shutdown.add("deadline timer", new Deadlines(clock, id -> ender.end(id, JobState.TIMED_OUT, true)));
        int workers = settings.worker().count();
        dispatcher = shutdown.add("dispatcher", new Dispatcher(store, connection, Math.max(512, 8 * workers)));
        ResultCollector collector = shutdown.add("collector",
                new ResultCollector(store, connection, dispatcher, events, monitor));
        collector.start();
        StateService stateService = shutdown.add("shared-state service", state.service(connection));
        stateService.start();
        remotes = shutdown.add("remote supervisors", new RemoteSupervisors(connection, clock, state::workerDied));
        remotes.start();
        Supervisor local = supervisor;
        RemoteSupervisors remote = remotes;
        RetryHandler retries = shutdown.add("retry handler", new RetryHandler(store, connection,
                (jobId, chunkNo) -> local.deathOf(jobId, chunkNo).or(() -> remote.deathOf(jobId, chunkNo))));
        retries.start();
        shutdown.add("retention sweeper", new RetentionSweeper(store, settings.jobs().retention())).start();
        dispatcher.start();
        submitter = new JobSubmitter(store, dispatcher, events, deadlines, clock);
        ender = new JobEnder(store, dispatcher, broker.queuedChunks(), supervisor, events, deadlines);
        stuck = shutdown.add("stuck-job watch", StuckJobs.start(store, settings.jobs().stuckAfter(), clock));
        // Added last so it closes first: draining workers still have a collector to answer to.
        shutdown.add("workers", supervisor);
        monitor.attach(new MonitoredParts(store.readings(), broker::queueDepth, broker::isConnected,
                local::workers, local::restarts, remote::hosts));
        // Resumed jobs need no worker yet: their chunks wait in the broker meanwhile.
        JobResumer.resumeRunningJobs(store, dispatcher, deadlines);
    }

    /** Where the store is: the data directory's H2 file unless the settings name another. */
    public static StoreLocation storeLocation(Settings settings, Path dataDir) {
        try {
            return StoreLocation.of(settings.store(), dataDir.resolve("db"));
        } catch (SecretFiles.SecretFileException e) {
            throw new EngineStartException(e.getMessage(), e);
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new EngineStartException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores a job whose input is fully known (all chunks in one transaction) and starts it.
     *
     * @param argsJson one JSON argument per task, already checked against the task
     * @return the signal of the new job, which carries its id
     */
    public JobSignal submit(JobSpec spec, List<String> argsJson) {
        return submit(spec, argsJson, null, null);
    }

    /**
     * Like {@link #submit(JobSpec, List)}, for a job that runs the failed tasks of job
     * {@code retryOf} again: stored with it, in the same transaction, the index each task had there.
     *
     * @param sourceIndexes one per argument
     */
    public JobSignal resubmit(JobSpec spec, List<String> argsJson, String retryOf, List<Long> sourceIndexes) {
        if (sourceIndexes.size() != argsJson.size()) {
            throw new IllegalArgumentException(argsJson.size() + " arguments but " + sourceIndexes.size()
                    + " source indexes");
        }
        return submit(spec, argsJson, Objects.requireNonNull(retryOf, "retryOf"),
                sourceIndexes.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")));
    }

    private JobSignal submit(JobSpec spec, List<String> argsJson, String retryOf, String sourceIndexesJson) {
        shutdown.checkOpen();
        return submitter.submit(spec, argsJson, retryOf, sourceIndexesJson);
    }

    /**
     * Stores a job whose input is read lazily, as chunks may be sent, and starts it. A limit of
     * the job's own ({@link JobSpec#maxInFlight()}) counts a chunk until the caller reports it
     * taken through {@link #chunksTaken}.
     *
     * @param argsJson read on the dispatcher's thread, one JSON argument per task
     * @param onInputError told if reading the input throws
     * @return the signal of the new job, which carries its id
     */
    public JobSignal submitLazy(JobSpec spec, Iterator<String> argsJson, Consumer<RuntimeException> onInputError) {
        shutdown.checkOpen();
        return submitter.submitLazy(spec, argsJson, onInputError);
    }

    /**
     * Tells the dispatcher that the caller took the results of {@code chunks} more chunks of a
     * job, which makes room for more of a job with a limit of its own. Does not block.
     */
    public void chunksTaken(String jobId, int chunks) {
        dispatcher.chunksTaken(jobId, chunks);
    }

    /**
     * Lifts every job's own limit on tasks in flight, so that jobs whose results nobody takes
     * any more can still finish (a pool that closes waits for them). Does not block.
     */
    public void liftInFlightLimits() {
        dispatcher.liftLimits();
    }

    /**
     * Stops sending a job's chunks, marks it CANCELLED and stops its running tasks (after a
     * grace of 1 s, their workers are replaced); outcomes already recorded stay. Does not block
     * for the running tasks.
     *
     * @return false if the job had already finished
     */
    public boolean cancel(String jobId) {
        return cancel(jobId, true);
    }

    /**
     * Like {@link #cancel(String)}; with {@code stopRunning} false the tasks already running
     * are left to finish on their workers, and their outcomes are recorded when they come.
     *
     * @return false if the job had already finished
     */
    public boolean cancel(String jobId, boolean stopRunning) {
        return ender.end(jobId, JobState.CANCELLED, stopRunning);
    }

    /**
     * Deletes a finished job and everything stored of it (chunks, arguments, outcomes, attempts)
     * now, rather than when its retention ends; a big job's chunks a bounded number to a
     * transaction (see {@link JobStore#delete}). A running job is left alone. Blocks on the store.
     */
    public JobDeletion delete(String jobId) {
        return store.delete(jobId);
    }

    private void fatal(Throwable error) {
        log.error("the workers cannot run: {}", error.getMessage());
        events.stopAll(error);
    }

    public TaskRegistry registry() {
        return registry;
    }

    public TaskJson json() {
        return json;
    }

    /** Read-only questions about jobs, for the HTTP server, the web UI and the pool. */
    public JobQueries jobs() {
        return queries;
    }

    /** The shared counters the tasks use, read and written directly. */
    public SharedState state() {
        return state;
    }

    /** Reads jobs' outcomes, for the pool and the HTTP server. */
    public JobResults results() {
        return results;
    }

    public JobEvents events() {
        return events;
    }

    public Settings settings() {
        return settings;
    }

    /** The broker's dead-letter queue: list it, drop messages, send task chunks again. */
    public DeadLetterOffice deadLetters() {
        return deadLetters;
    }

    /** The running jobs that have had no progress for too long (see {@code jobs.stuck-after}), longest first. Does not block. */
    public List<StuckJob> stuckJobs() {
        return stuck.jobs();
    }

    /** The engine's metrics (to register on a Prometheus registry) and its health. */
    public EngineMonitor monitor() {
        return monitor;
    }

    public List<WorkerView> workers() {
        return supervisor.workers();
    }

    /** The supervisors on other hosts that reported to this engine since it started, lost ones too. */
    public List<RemoteHost> remoteHosts() {
        return remotes.hosts();
    }

    /**
     * Tells a supervisor on another host to drain: its workers finish their chunks, then it exits.
     *
     * @return false if no host of that id reported, or it is lost
     * @throws IllegalStateException if the broker cannot take the command
     */
    public boolean drainRemoteHost(String hostId) {
        shutdown.checkOpen();
        try {
            return remotes.drain(hostId);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot tell " + hostId + " to drain: " + e.getMessage(), e);
        }
    }

    /**
     * Changes the number of worker processes. Growing blocks until the new workers are ready
     * (a second or two); shrinking tells the newest workers to drain (finish their chunk, then
     * exit) and returns at once, so no task is lost or run twice.
     *
     * @throws io.mqpool.supervisor.WorkerStartException if a new worker fails to start
     * @throws IllegalArgumentException if {@code count} is negative
     * @throws IllegalStateException if the engine is closed
     */
    public void scaleWorkers(int count) {
        shutdown.checkOpen();
        supervisor.scale(count);
    }

    /**
     * Tells {@code listener} once, with one line, if the engine's connection to its broker is
     * lost for good, as when a standalone broker stops or its host goes away; not when the loss
     * comes while the engine closes. Call after {@link #begin}.
     */
    public void onBrokerLost(Consumer<String> listener) {
        broker.onLost(reason -> {
            if (!shutdown.isClosed()) {
                listener.accept(reason);
            }
        });
    }

    /** Stops taking work, lets the workers finish their chunks, then stops every part. */
    @Override
    public void close() {
        shutdown.close(false, () -> events.stopAll(new IllegalStateException("the engine was closed")));
    }

    /** Stops every part at once: workers are killed, unfinished jobs stay in the store. */
    public void terminate() {
        if (supervisor != null) {
            supervisor.terminate();
        }
        shutdown.close(true, () -> events.stopAll(new IllegalStateException("the engine was terminated")));
    }
}
