package io.mqpool;

import io.mqpool.config.Settings;
import io.mqpool.config.SettingsLoader;
import io.mqpool.engine.Engine;
import io.mqpool.engine.JobMode;
import io.mqpool.engine.JobSpec;
import io.mqpool.engine.ResultCursor;
import io.mqpool.engine.WorkerOptions;
import io.mqpool.engine.events.JobSignal;
import io.mqpool.engine.store.ChunkOutcomes;
import io.mqpool.jobs.JobPriority;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedList;
import io.mqpool.jobs.SharedMap;
import io.mqpool.jobs.TaskJson;
import io.mqpool.jobs.TaskRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A pool's jobs on worker processes: an embedded engine (broker, H2 store, supervisor) in a
 * temporary data directory unless the builder named one. Submits each job to the engine, ties
 * it to what hands its results back, and stops the engine when the pool stops.
 */
final class EngineBackend implements PoolBackend {

    private final Engine engine;
    /** Null for a pool whose data directory stays. */
    private final TemporaryDataDir temporaryDataDir;
    private final PoolJobs jobs = new PoolJobs();
    /** Null until {@link #watchProgramEnd}. */
    private volatile ProgramEndWatch programEnd;

    private EngineBackend(Engine engine, TemporaryDataDir temporaryDataDir) {
        this.engine = engine;
        this.temporaryDataDir = temporaryDataDir;
    }

    /**
     * Starts an engine on the settings {@code loader} reads with {@code flags}, in a new
     * temporary data directory if {@code temporary}. Blocks until the workers are ready.
     */
    static EngineBackend start(SettingsLoader loader, Map<String, String> flags, boolean temporary,
                               WorkerOptions workerOptions) {
        TemporaryDataDir temp = temporary ? TemporaryDataDir.create() : null;
        try {
            if (temp != null) {
                flags.put("data", temp.path().toString());
            }
            Settings settings = loader.load(flags);
            return new EngineBackend(Engine.start(settings, workerOptions, System.out::println), temp);
        } catch (RuntimeException e) {
            if (temp != null) {
                temp.delete();
            }
            throw e;
        }
    }

    /**
     * Hands {@code onForgotten} a warning naming the pool should the program end while it is
     * open: the broker's threads would keep the JVM running for ever (see {@link ProgramEndWatch}).
     */
    void watchProgramEnd(Consumer<String> onForgotten) {
        programEnd = new ProgramEndWatch(() -> onForgotten.accept(forgottenWarning()));
        programEnd.start();
    }

    private String forgottenWarning() {
        Path dataDir = engine.settings().dataDir();
        return "the pool with data in " + dataDir + " (" + engine.settings().worker().count() + " workers) was never "
                + "closed: the program ended, so its workers are stopped"
                + (temporaryDataDir != null ? " and its temporary data directory is removed"
                        : " and its unfinished jobs stay in that directory")
                + ". Call close() when done with a pool, or use try-with-resources: "
                + "try (Pool pool = Pool.create()) { ... }";
    }

    Engine engine() {
        return engine;
    }

    @Override
    public TaskRegistry registry() {
        return engine.registry();
    }

    @Override
    public TaskJson json() {
        return engine.json();
    }

    @Override
    public int parallelism() {
        return engine.settings().worker().count();
    }

    @Override
    public <R> AsyncResult<R> submitAll(RegisteredTask task, JobMode mode, List<String> argsJson, JobOptions options,
                                        ResultAssembly<R> assembly) {
        JobSignal signal = jobs.track(engine.submit(spec(task, mode, options), argsJson));
        OutcomeReader<Object> reader = new OutcomeReader<>(engine.results(), engine.json(), task, signal.jobId());
        return jobs.result(signal, () -> assembly.assemble(outcomes(reader)),
                stopRunning -> engine.cancel(signal.jobId(), stopRunning));
    }

    @Override
    public <R> ResultSequence<R> submitLazy(RegisteredTask task, JobMode mode, ArgumentEncoder.LazyArguments input,
                                            JobOptions options, boolean inputOrder) {
        // The dispatcher is told of the input's failure by a marker; the caller's own exception
        // is kept by the input. Anything else that stops the reading is kept here.
        AtomicReference<RuntimeException> readError = new AtomicReference<>();
        JobSignal signal = jobs.track(engine.submitLazy(spec(task, mode, options), input, readError::set));
        OutcomeReader<R> reader = new OutcomeReader<>(engine.results(), engine.json(), task, signal.jobId());
        ResultCursor cursor = inputOrder ? engine.results().inInputOrder(signal.jobId(), 0)
                : engine.results().inCompletionOrder(signal.jobId(), 0, false);
        return new ResultSequence<>(signal, new StoredOutcomes<>(cursor, engine.jobs(), reader), inputOrder,
                new ResultSequence.Hooks(() -> engine.cancel(signal.jobId()),
                        () -> input.failure() != null ? input.failure() : readError.get(), jobs::closedBy,
                        chunks -> engine.chunksTaken(signal.jobId(), chunks)));
    }

    /** Every outcome of a finished job, in input order. */
    private List<Outcome<Object>> outcomes(OutcomeReader<Object> reader) {
        List<Outcome<Object>> all = new ArrayList<>();
        ResultCursor cursor = engine.results().inInputOrder(reader.jobId(), 0);
        while (true) {
            List<ChunkOutcomes> page = cursor.next(1_000);
            if (page.isEmpty()) {
                return all;
            }
            for (ChunkOutcomes chunk : page) {
                all.addAll(reader.read(chunk));
            }
        }
    }

    @Override
    public SharedCounter counter(String name) {
        return engine.state().counter(name);
    }

    @Override
    public SharedArray array(String name, int size) {
        return engine.state().array(name, size);
    }

    @Override
    public SharedMap map(String name) {
        return engine.state().map(name);
    }

    @Override
    public SharedList list(String name) {
        return engine.state().list(name);
    }

    /**
     * Lifts the jobs' own limits on tasks in flight first: nobody may take the results of a
     * sequence left half read, and its job must still finish.
     */
    @Override
    public void close() {
        stopWatching();
        engine.liftInFlightLimits();
        jobs.awaitAll();
        jobs.stopCallbacks(5);
        jobs.closing("closed");
        try {
            engine.close();
        } finally {
            deleteTemporaryDataDir();
        }
    }

    @Override
    public void terminate() {
        stopWatching();
        jobs.abandonUnsettled();
        jobs.closing("terminated");
        try {
            engine.terminate();
            jobs.stopCallbacksNow();
            jobs.abandonUnsettled(); // any submitted while the first pass ran
        } finally {
            deleteTemporaryDataDir();
        }
    }

    private void stopWatching() {
        ProgramEndWatch watch = programEnd;
        if (watch != null) {
            watch.close();
        }
    }

    private void deleteTemporaryDataDir() {
        if (temporaryDataDir != null) {
            temporaryDataDir.delete();
        }
    }

    private static JobSpec spec(RegisteredTask task, JobMode mode, JobOptions options) {
        return new JobSpec(task.name(), mode, options.chunksize(), millis(options.taskTimeout()),
                millis(options.jobTimeout()), options.retries(),
                options.maxInFlight() == null ? 0 : options.maxInFlight(),
                Boolean.TRUE.equals(options.retryTimeouts()),
                options.retention() == null ? null : options.retention().toMillis(),
                options.priority() == null ? JobPriority.NORMAL : options.priority());
    }

    private static long millis(Duration duration) {
        return duration == null ? 0 : Math.max(1, duration.toMillis());
    }
}
