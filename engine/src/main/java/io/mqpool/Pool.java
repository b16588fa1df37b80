package io.mqpool;

import io.mqpool.config.Settings;
import io.mqpool.config.SettingsLoader;
import io.mqpool.engine.Engine;
import io.mqpool.engine.JobMode;
import io.mqpool.engine.JobSpec;
import io.mqpool.engine.WorkerOptions;
import io.mqpool.events.JobSignal;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.Task;
import io.mqpool.store.ChunkOutcomes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of worker processes with the API of Python's {@code multiprocessing.Pool}, durable:
 * every job travels through an embedded Artemis broker and is recorded in H2.
 *
 * <pre>{@code
 * try (Pool pool = Pool.create(4)) {
 *     List<String> squares = pool.map(ComputeSquare.class, List.of(1, 2, 3));
 * }
 * }</pre>
 *
 * <p>Methods are safe to call from several threads. Every method throws
 * {@link IllegalStateException} after {@link #close()} or {@link #terminate()}, and
 * {@link io.mqpool.jobs.UnknownTaskException} for a task class that is not registered.
 *
 * <p>A pool still open when the program ends (its {@code main} returned and no other thread of
 * it runs) is terminated with one warning that names it, so that a forgotten {@code close()}
 * does not keep the JVM running.
 *
 * <p>Arguments cross to the workers as JSON: one that cannot be encoded fails with an
 * {@link IllegalArgumentException} {@code argument <index> (<class>) cannot be encoded as
 * JSON: <reason>}, from the call itself for {@code map}, {@code starmap} and {@code apply} (and
 * their async forms; nothing is stored), and at its place in the results for {@code imap}. What
 * the caller's iterable throws while being read is handed back as it was thrown (a checked one,
 * thrown sneakily, wrapped once in an unchecked exception with it as the cause): from the call
 * for the eager methods, nothing stored; at its place for {@code imap}, see
 * {@link ResultSequence}. A result whose JSON does not bind to the task's declared {@code R}
 * fails that task alone with a {@link TaskFailedException} saying what did not fit.
 */
public final class Pool implements AutoCloseable {

    private enum State { OPEN, CLOSED }

    private static final Logger log = LoggerFactory.getLogger(Pool.class);

    private final Engine engine;
    private final JobOptions defaults;
    private final Path temporaryDataDir;
    private final CallbackThread callbacks = new CallbackThread();
    private final ArgumentEncoder arguments;
    private final Set<JobSignal> unfinished = ConcurrentHashMap.newKeySet();
    /** Results not ready yet (outcome unread or callbacks not run): made ready before the store closes. */
    private final Set<AsyncResult<?>> unsettled = ConcurrentHashMap.newKeySet();
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    /** Terminates the pool should the program end without closing it: the brokers' threads would keep the JVM. */
    private final ProgramEndWatch programEnd = new ProgramEndWatch(this::terminateForgotten);
    /** How the pool stopped ("closed", "terminated") once its store is closing; null before. */
    private volatile String storeClosedBy;

    private Pool(Engine engine, JobOptions defaults, Path temporaryDataDir) {
        this.engine = engine;
        this.defaults = defaults.orElse(new JobOptions(null, null, null, JobOptions.DEFAULT_RETRIES, null, false));
        this.temporaryDataDir = temporaryDataDir;
        this.arguments = new ArgumentEncoder(engine.json());
    }

    /** A pool of one worker process per core. Blocks until the workers are ready. */
    public static Pool create() {
        return builder().build();
    }

    /** A pool of {@code workers} worker processes. Blocks until they are ready. */
    public static Pool create(int workers) {
        return builder().workers(workers).build();
    }

    public static PoolBuilder builder() {
        return new PoolBuilder();
    }

    /** The number of cores of this machine, the default number of workers. */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    static Pool start(SettingsLoader loader, Map<String, String> flags, boolean temporary, JobOptions defaults,
                      WorkerOptions workerOptions) {
        Path temp = null;
        try {
            if (temporary) {
                temp = Files.createTempDirectory("mqpool-");
                flags.put("data", temp.toString());
            }
            Settings settings = loader.load(flags);
            Engine engine = Engine.start(settings, workerOptions, System.out::println);
            Pool pool = new Pool(engine, defaults, temp);
            pool.programEnd.start();
            return pool;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data directory: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteTree(temp);
            throw e;
        }
    }

    // ---- map and starmap -------------------------------------------------------------------

    /**
     * Runs {@code task} on every argument and blocks until all are done, like Python's
     * {@code Pool.map}.
     *
     * @return the results in input order
     * @throws TaskFailedException for the lowest-indexed task that failed, or whose result does
     *     not bind to the task's result type
     * @throws IllegalArgumentException for an argument that cannot be encoded as JSON (nothing is run)
     * @throws CancellationException if the job was cancelled, the pool terminated, or the wait
     *     interrupted
     * @throws RuntimeException what reading {@code args} threw (nothing is run)
     */
    public <A, R> List<R> map(Class<? extends Task<A, R>> task, Iterable<? extends A> args) {
        return map(task, args, JobOptions.defaults());
    }

    public <A, R> List<R> map(Class<? extends Task<A, R>> task, Iterable<? extends A> args, JobOptions options) {
        return await(mapAsync(task, args, options));
    }

    /**
     * Starts {@code map} without waiting. Reads and encodes {@code args} on this thread first,
     * throwing as {@link #map} does for them; an empty {@code args} gives a result that is
     * ready at once with an empty list.
     */
    public <A, R> AsyncResult<List<R>> mapAsync(Class<? extends Task<A, R>> task, Iterable<? extends A> args) {
        return mapAsync(task, args, JobOptions.defaults());
    }

    public <A, R> AsyncResult<List<R>> mapAsync(Class<? extends Task<A, R>> task, Iterable<? extends A> args,
                                                 JobOptions options) {
        RegisteredTask registered = registered(task);
        return submitAll(registered, JobMode.MAP, arguments.encodeAll(args), options, this::values);
    }

    /**
     * Runs {@code task} once per tuple, binding each tuple positionally to the task's record
     * argument, like Python's {@code Pool.starmap}. Blocks until all are done.
     *
     * @throws IllegalArgumentException if a tuple cannot be encoded as JSON or does not fit the
     *     record (nothing is run)
     * @throws TaskFailedException for the lowest-indexed task that failed
     * @throws CancellationException if the job was cancelled or the pool terminated
     * @throws RuntimeException what reading {@code tuples} threw (nothing is run)
     */
    public <A, R> List<R> starmap(Class<? extends Task<A, R>> task, Iterable<? extends List<?>> tuples) {
        return starmap(task, tuples, JobOptions.defaults());
    }

    public <A, R> List<R> starmap(Class<? extends Task<A, R>> task, Iterable<? extends List<?>> tuples,
                                  JobOptions options) {
        return await(starmapAsync(task, tuples, options));
    }

    public <A, R> AsyncResult<List<R>> starmapAsync(Class<? extends Task<A, R>> task,
                                                     Iterable<? extends List<?>> tuples) {
        return starmapAsync(task, tuples, JobOptions.defaults());
    }

    public <A, R> AsyncResult<List<R>> starmapAsync(Class<? extends Task<A, R>> task,
                                                     Iterable<? extends List<?>> tuples, JobOptions options) {
        RegisteredTask registered = registered(task);
        return submitAll(registered, JobMode.STARMAP, arguments.encodeTuples(registered, tuples), options,
                this::values);
    }

    /**
     * Runs {@code task} on every argument and returns one outcome per argument instead of
     * throwing for a failed task (a result that does not bind to the task's result type is one
     * such failure). Blocks until all are done.
     */
    public <A, R> List<Outcome<R>> mapOutcomes(Class<? extends Task<A, R>> task, Iterable<? extends A> args) {
        return mapOutcomes(task, args, JobOptions.defaults());
    }

    public <A, R> List<Outcome<R>> mapOutcomes(Class<? extends Task<A, R>> task, Iterable<? extends A> args,
                                               JobOptions options) {
        RegisteredTask registered = registered(task);
        return await(submitAll(registered, JobMode.MAP, arguments.encodeAll(args), options, this::outcomes));
    }

    // ---- apply ---------------------------------------------------------------------------

    /**
     * Runs {@code task} once and blocks until it is done, like Python's {@code Pool.apply}.
     *
     * @throws TaskFailedException if the task failed, or its result does not bind to the task's
     *     result type
     * @throws IllegalArgumentException if {@code arg} cannot be encoded as JSON (nothing is run)
     * @throws CancellationException if the pool was terminated before the task finished
     */
    public <A, R> R apply(Class<? extends Task<A, R>> task, A arg) {
        return apply(task, arg, JobOptions.defaults());
    }

    public <A, R> R apply(Class<? extends Task<A, R>> task, A arg, JobOptions options) {
        return await(applyAsync(task, arg, options));
    }

    /** Starts {@code apply} without waiting. */
    public <A, R> AsyncResult<R> applyAsync(Class<? extends Task<A, R>> task, A arg) {
        return applyAsync(task, arg, JobOptions.defaults());
    }

    public <A, R> AsyncResult<R> applyAsync(Class<? extends Task<A, R>> task, A arg, JobOptions options) {
        RegisteredTask registered = registered(task);
        return submitAll(registered, JobMode.APPLY, List.of(arguments.encode(0, arg)), options,
                reader -> this.<R>values(reader).get(0));
    }

    // ---- imap ------------------------------------------------------------------------------

    /**
     * Runs {@code task} on every argument, reading the arguments lazily, and returns the results
     * in input order as each next one is ready, like Python's {@code Pool.imap}. Does not block.
     * What the arguments throw, or an argument that cannot be encoded as JSON, is thrown by the
     * sequence at its place; after {@link #close()} the sequence ends with an
     * {@link IllegalStateException} (see {@link ResultSequence}).
     */
    public <A, R> ResultSequence<R> imap(Class<? extends Task<A, R>> task, Iterable<? extends A> args) {
        return imap(task, args, JobOptions.defaults());
    }

    public <A, R> ResultSequence<R> imap(Class<? extends Task<A, R>> task, Iterable<? extends A> args,
                                         JobOptions options) {
        return submitLazy(registered(task), JobMode.IMAP, args, options, true);
    }

    /** Like {@link #imap}, with results in completion order ({@code imap_unordered}). */
    public <A, R> ResultSequence<R> imapUnordered(Class<? extends Task<A, R>> task, Iterable<? extends A> args) {
        return imapUnordered(task, args, JobOptions.defaults());
    }

    public <A, R> ResultSequence<R> imapUnordered(Class<? extends Task<A, R>> task, Iterable<? extends A> args,
                                                  JobOptions options) {
        return submitLazy(registered(task), JobMode.IMAP_UNORDERED, args, options, false);
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    /**
     * Stops taking work, blocks until every job submitted so far has finished and the callbacks
     * of every {@link AsyncResult} have run, then stops the workers and removes a temporary data
     * directory. Idempotent. The results of an {@code imap} not handed out by then are not read
     * any more: its {@link ResultSequence} hands out what it holds in memory, then throws an
     * {@link IllegalStateException} saying from which index on results were not handed out.
     */
    @Override
    public void close() {
        if (!state.compareAndSet(State.OPEN, State.CLOSED)) {
            return;
        }
        programEnd.close();
        // Nobody may take the results of a sequence left half read: its limit must not hold
        // the wait below up forever.
        engine.liftInFlightLimits();
        for (JobSignal signal : unfinished) {
            signal.finished().handle((jobState, error) -> null).join();
        }
        for (AsyncResult<?> result : List.copyOf(unsettled)) {
            result.awaitReady();
        }
        callbacks.stop(5);
        storeClosedBy = "closed";
        engine.close();
        deleteTree(temporaryDataDir);
    }

    /**
     * Stops at once: workers are killed, and every {@link AsyncResult} not ready yet is
     * cancelled, its callbacks dropped: {@code get()} throws {@link CancellationException}, and so
     * do {@code map} and {@code apply} blocked in other threads. An {@code imap}'s sequence ends
     * as after {@link #close()}. Idempotent; returns within seconds.
     */
    public void terminate() {
        state.set(State.CLOSED);
        programEnd.close();
        abandonUnsettled();
        storeClosedBy = "terminated";
        engine.terminate();
        callbacks.stopNow();
        abandonUnsettled(); // any submitted while the first pass ran
        deleteTree(temporaryDataDir);
    }

    /**
     * The program ended while this pool was open: its engine's threads would keep the JVM running
     * for ever. Says so once, naming the pool, and terminates it (as Python does with a pool left
     * open at exit): no thread of the program is left to wait for its jobs.
     */
    private void terminateForgotten() {
        if (state.get() != State.OPEN) {
            return;
        }
        Path dataDir = engine.settings().dataDir();
        log.warn("the pool with data in {} ({} workers) was never closed: the program ended, so its workers are "
                + "stopped{}. Call close() when done with a pool, or use try-with-resources: "
                + "try (Pool pool = Pool.create()) { ... }", dataDir, engine.settings().worker().count(),
                temporaryDataDir != null ? " and its temporary data directory is removed"
                        : " and its unfinished jobs stay in that directory");
        terminate();
    }

    /** The engine below this pool, for tests in this package. */
    Engine engine() {
        return engine;
    }

    // ---- internals -----------------------------------------------------------------------------

    private RegisteredTask registered(Class<?> task) {
        checkOpen();
        return engine.registry().require(task);
    }

    private void checkOpen() {
        if (state.get() != State.OPEN) {
            throw new IllegalStateException("the pool is closed: create a new one to run more work");
        }
    }

    private <R> AsyncResult<R> submitAll(RegisteredTask task, JobMode mode, List<String> argsJson,
                                         JobOptions options, ResultAssembly<R> assembly) {
        JobOptions effective = options.orElse(defaults);
        int chunksize = effective.chunksize() != null ? effective.chunksize()
                : mode == JobMode.APPLY ? 1 : defaultChunksize(argsJson.size());
        JobSignal signal = track(engine.submit(spec(task, mode, chunksize, effective), argsJson));
        OutcomeReader<Object> reader = new OutcomeReader<>(engine.store(), engine.json(), task, signal.jobId());
        AsyncResult<R> result = new AsyncResult<>(signal, () -> assembly.assemble(reader),
                stopRunning -> engine.cancel(signal.jobId(), stopRunning), callbacks, unsettled::remove);
        unsettled.add(result);
        if (result.ready()) {
            unsettled.remove(result); // it was settled before it was added
        }
        return result;
    }

    private <A, R> ResultSequence<R> submitLazy(RegisteredTask task, JobMode mode, Iterable<? extends A> args,
                                                JobOptions options, boolean inputOrder) {
        JobOptions effective = options.orElse(defaults);
        int chunksize = effective.chunksize() != null ? effective.chunksize() : 1;
        ArgumentEncoder.LazyArguments input = arguments.lazy(args);
        // The dispatcher is told of the input's failure by a marker; the caller's own exception
        // is kept by the input. Anything else that stops the reading is kept here.
        AtomicReference<RuntimeException> readError = new AtomicReference<>();
        JobSignal signal = track(engine.submitLazy(spec(task, mode, chunksize, effective), input, readError::set));
        OutcomeReader<R> reader = new OutcomeReader<>(engine.store(), engine.json(), task, signal.jobId());
        return new ResultSequence<>(signal, engine.store(), reader, inputOrder,
                new ResultSequence.Hooks(() -> engine.cancel(signal.jobId()),
                        () -> input.failure() != null ? input.failure() : readError.get(), () -> storeClosedBy,
                        chunks -> engine.chunksTaken(signal.jobId(), chunks)));
    }

    private JobSignal track(JobSignal signal) {
        unfinished.add(signal);
        signal.finished().whenComplete((jobState, error) -> unfinished.remove(signal));
        return signal;
    }

    private static JobSpec spec(RegisteredTask task, JobMode mode, int chunksize, JobOptions options) {
        return new JobSpec(task.name(), mode, chunksize, millis(options.taskTimeout()),
                millis(options.jobTimeout()), options.retries(),
                options.maxInFlight() == null ? 0 : options.maxInFlight(),
                Boolean.TRUE.equals(options.retryTimeouts()));
    }

    private static long millis(Duration duration) {
        return duration == null ? 0 : Math.max(1, duration.toMillis());
    }

    /** Python's rule: ceil(n / (4 × workers)), at least 1. */
    private int defaultChunksize(int tasks) {
        int slots = 4 * engine.settings().worker().count();
        return Math.max(1, (tasks + slots - 1) / slots);
    }

    /** Every outcome of a finished job, in input order. */
    private <R> List<Outcome<R>> outcomes(OutcomeReader<?> reader) {
        @SuppressWarnings("unchecked")
        OutcomeReader<R> typed = (OutcomeReader<R>) reader;
        List<Outcome<R>> all = new ArrayList<>();
        int next = 0;
        while (true) {
            List<ChunkOutcomes> page = engine.store().outcomesInIndexOrder(reader.jobId(), next, 1_000);
            if (page.isEmpty()) {
                return all;
            }
            for (ChunkOutcomes chunk : page) {
                all.addAll(typed.read(chunk));
            }
            next = page.get(page.size() - 1).chunkNo() + 1;
        }
    }

    /** Every result of a finished job in input order; throws the lowest-indexed failure. */
    private <R> List<R> values(OutcomeReader<?> reader) {
        List<R> values = new ArrayList<>();
        for (Outcome<R> outcome : this.<R>outcomes(reader)) {
            values.add(outcome.value());
        }
        return values;
    }

    private static <R> R await(AsyncResult<R> result) {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for job " + result.jobId());
        }
    }

    private void abandonUnsettled() {
        for (AsyncResult<?> result : List.copyOf(unsettled)) {
            result.abandon();
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the temporary data directory " + dir, e);
        }
    }

    /** Turns a finished job's outcomes into the caller's result. */
    @FunctionalInterface
    private interface ResultAssembly<R> {
        R assemble(OutcomeReader<?> reader);
    }
}
