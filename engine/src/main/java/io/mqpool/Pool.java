package io.mqpool;

import io.mqpool.config.ClientSettings;
import io.mqpool.config.SecretFiles;
import io.mqpool.config.SettingsException;
import io.mqpool.config.SettingsLoader;
import io.mqpool.engine.Engine;
import io.mqpool.engine.JobMode;
import io.mqpool.engine.WorkerOptions;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedList;
import io.mqpool.jobs.SharedMap;
import io.mqpool.jobs.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
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
 * <p>{@link #threads(int)} gives the same API on threads of the caller's JVM, for tasks that
 * mostly wait (Python's {@code ThreadPool}): nothing to start, no store, calls cost microseconds,
 * but no crash isolation and nothing durable; shared state lives in memory.
 *
 * <p>Methods are safe to call from several threads. Every method throws
 * {@link IllegalStateException} after {@link #close()} or {@link #terminate()}, and
 * {@link io.mqpool.jobs.UnknownTaskException} for a task class that is not registered.
 *
 * <p>A pool still open when the program ends (its {@code main} returned and no other thread of
 * it runs) is terminated with one warning that names it, so that a forgotten {@code close()}
 * does not keep the JVM running. A pool of threads runs daemon threads only, which never keep it
 * running.
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
    /** What every job gets unless the pool's defaults or its own options say otherwise. */
    private static final JobOptions MQPOOL_DEFAULTS =
            new JobOptions(null, null, null, JobOptions.DEFAULT_RETRIES, null, false);

    private final PoolBackend backend;
    private final JobOptions defaults;
    private final ArgumentEncoder arguments;
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);

    private Pool(PoolBackend backend, JobOptions defaults) {
        this.backend = backend;
        this.defaults = defaults.orElse(MQPOOL_DEFAULTS);
        this.arguments = new ArgumentEncoder(backend.json());
    }

    /** A pool of one worker process per core. Blocks until the workers are ready. */
    public static Pool create() {
        return builder().build();
    }

    /** A pool of {@code workers} worker processes. Blocks until they are ready. */
    public static Pool create(int workers) {
        return builder().workers(workers).build();
    }

    /** A pool of one thread per core in this JVM; see {@link #threads(int)}. Returns at once. */
    public static Pool threads() {
        return threads(cpuCount());
    }

    /**
     * A pool of {@code threads} threads in this JVM, with the same API as a pool of worker
     * processes, for tasks that mostly wait (I/O, sleeps, remote calls), as Python's
     * {@code ThreadPool}: no broker, no worker processes, no store, no data directory. Tasks
     * are the same registered tasks, their arguments and results go through the same JSON, and
     * their failures, timeouts and outcomes read the same. What differs: a task that crashes
     * the JVM takes the caller with it; nothing survives the JVM; a task past its timeout is
     * interrupted instead of killed (one that ignores interrupts keeps its thread until it
     * returns, its outcome is the timeout all the same); retries apply to timeouts only, as no
     * worker can die; shared counters and arrays are in memory. Threads are daemons named
     * {@code mqpool-thread-N}. Returns at once.
     *
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public static Pool threads(int threads) {
        return builder().threads(threads).build();
    }

    /**
     * A pool on the workers of the {@code mqpool server} the CLI would talk to: the
     * {@code server} setting ({@code MQPOOL_SERVER}, else {@code http://127.0.0.1:8080}); see
     * {@link #connect(String)}.
     */
    public static Pool connect() {
        return connect(Map.of());
    }

    /**
     * A pool on the workers of the running {@code mqpool server} at {@code server}, such as
     * {@code http://127.0.0.1:8080}, with the same API as a pool of its own. Nothing is started:
     * jobs go to the server through its HTTP API, its workers run them, its store keeps them
     * (they show in {@code mqpool jobs} and the web UI like any other, and several programs
     * share its workers), and {@link #close()} waits for this pool's jobs and leaves the server
     * running. The API token, for a server beyond this host, is read as the CLI reads it
     * ({@code MQPOOL_TOKEN}, {@code MQPOOL_TOKEN_FILE}). Returns once the server answered.
     *
     * <p>What differs from a pool of its own: the tasks are the server's (a task class must be
     * registered on both sides; one the server lacks is refused with an
     * {@link IllegalArgumentException} saying so); {@code imap} reads its whole input when called
     * (the API takes a job's arguments in one request), though its results still come back as
     * they are ready, a bounded window at a time; the shared state ({@link #counter} and the
     * rest) is read on the server ({@code mqpool state}), not through this pool. A server that
     * stops answering for 5 s fails the waiting calls with a {@link PoolConnectionException};
     * its jobs go on there.
     *
     * @throws IllegalArgumentException if {@code server} is not an http(s) URL
     * @throws PoolConnectionException if no mqpool server answers there
     */
    public static Pool connect(String server) {
        return connect(Map.of("server", server));
    }

    private static Pool connect(Map<String, String> flags) {
        ClientSettings settings;
        Optional<String> token;
        try {
            settings = SettingsLoader.fromSystem().loadClient(flags);
            token = settings.resolveToken();
        } catch (SettingsException | SecretFiles.SecretFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new Pool(ServerBackend.connect(settings.server(), token), JobOptions.defaults());
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
        EngineBackend backend = EngineBackend.start(loader, flags, temporary, workerOptions);
        Pool pool = new Pool(backend, defaults);
        backend.watchProgramEnd(pool::terminateForgotten);
        return pool;
    }

    static Pool startThreads(int threads, Path tasksDir, JobOptions defaults, WorkerOptions workerOptions) {
        // Its threads are daemons: a pool of threads left open does not keep the JVM alive, and
        // needs no watch for the end of the program.
        return new Pool(ThreadBackend.start(threads, tasksDir, workerOptions), defaults);
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
        return AsyncResult.await(mapAsync(task, args, options));
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
        List<String> argsJson = arguments.encodeAll(args);
        return backend.submitAll(registered, JobMode.MAP, argsJson, eager(options, argsJson.size()),
                ResultAssembly.values());
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
        return AsyncResult.await(starmapAsync(task, tuples, options));
    }

    public <A, R> AsyncResult<List<R>> starmapAsync(Class<? extends Task<A, R>> task,
                                                     Iterable<? extends List<?>> tuples) {
        return starmapAsync(task, tuples, JobOptions.defaults());
    }

    public <A, R> AsyncResult<List<R>> starmapAsync(Class<? extends Task<A, R>> task,
                                                     Iterable<? extends List<?>> tuples, JobOptions options) {
        RegisteredTask registered = registered(task);
        List<String> argsJson = arguments.encodeTuples(registered, tuples);
        return backend.submitAll(registered, JobMode.STARMAP, argsJson, eager(options, argsJson.size()),
                ResultAssembly.values());
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
        List<String> argsJson = arguments.encodeAll(args);
        return AsyncResult.await(backend.submitAll(registered, JobMode.MAP, argsJson,
                eager(options, argsJson.size()), ResultAssembly.outcomes()));
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
        return AsyncResult.await(applyAsync(task, arg, options));
    }

    /** Starts {@code apply} without waiting. */
    public <A, R> AsyncResult<R> applyAsync(Class<? extends Task<A, R>> task, A arg) {
        return applyAsync(task, arg, JobOptions.defaults());
    }

    public <A, R> AsyncResult<R> applyAsync(Class<? extends Task<A, R>> task, A arg, JobOptions options) {
        RegisteredTask registered = registered(task);
        List<String> argJson = List.of(arguments.encode(0, arg));
        return backend.submitAll(registered, JobMode.APPLY, argJson, resolved(options, 1), ResultAssembly.single());
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
        return backend.submitLazy(registered(task), JobMode.IMAP, arguments.lazy(args), resolved(options, 1), true);
    }

    /** Like {@link #imap}, with results in completion order ({@code imap_unordered}). */
    public <A, R> ResultSequence<R> imapUnordered(Class<? extends Task<A, R>> task, Iterable<? extends A> args) {
        return imapUnordered(task, args, JobOptions.defaults());
    }

    public <A, R> ResultSequence<R> imapUnordered(Class<? extends Task<A, R>> task, Iterable<? extends A> args,
                                                  JobOptions options) {
        return backend.submitLazy(registered(task), JobMode.IMAP_UNORDERED, arguments.lazy(args),
                resolved(options, 1), false);
    }

    // ---- shared state ------------------------------------------------------------------------

    /**
     * The counter of this name that the pool's tasks reach as {@code ctx.counter(name)}: read
     * it after a map, set or reset it before one. Created at 0 on first use; kept in the pool's
     * data directory, so it survives a restart on the same one.
     *
     * @throws IllegalArgumentException when the name is blank or longer than 200 characters
     * @throws IllegalStateException once the pool is closed
     */
    public SharedCounter counter(String name) {
        checkOpen();
        return backend.counter(name);
    }

    /**
     * The array of this name and size that the pool's tasks reach as
     * {@code ctx.array(name, size)}; created with every element 0 on first use, kept in the
     * pool's data directory.
     *
     * @throws IllegalArgumentException when the name is blank or too long, or the size is not 1 to 100,000
     * @throws IllegalStateException once the pool is closed
     */
    public SharedArray array(String name, int size) {
        checkOpen();
        return backend.array(name, size);
    }

    /**
     * The dictionary of this name that the pool's tasks reach as {@code ctx.map(name)}, the
     * seed's {@code Manager().dict()}: empty on first use, kept in the pool's data directory (in
     * memory for a pool of threads).
     * (Not to be confused with {@link #map(Class, Iterable)}, which runs a task.)
     *
     * @throws IllegalArgumentException when the name is blank or longer than 200 characters
     * @throws IllegalStateException once the pool is closed
     */
    public SharedMap map(String name) {
        checkOpen();
        return backend.map(name);
    }

    /**
     * The list of this name that the pool's tasks reach as {@code ctx.list(name)}, the seed's
     * {@code Manager().list()}: empty on first use, kept in the pool's data directory (in memory
     * for a pool of threads).
     *
     * @throws IllegalArgumentException when the name is blank or longer than 200 characters
     * @throws IllegalStateException once the pool is closed
     */
    public SharedList list(String name) {
        checkOpen();
        return backend.list(name);
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
        backend.close();
    }

    /**
     * Stops at once: workers are killed, and every {@link AsyncResult} not ready yet is
     * cancelled, its callbacks dropped: {@code get()} throws {@link CancellationException}, and so
     * do {@code map} and {@code apply} blocked in other threads. An {@code imap}'s sequence ends
     * as after {@link #close()}. Idempotent; returns within seconds.
     */
    public void terminate() {
        state.set(State.CLOSED);
        backend.terminate();
    }

    /**
     * The program ended while this pool was open: its engine's threads would keep the JVM running
     * for ever. Says so once with {@code warning}, naming the pool, and terminates it (as Python
     * does with a pool left open at exit): no thread of the program is left to wait for its jobs.
     */
    private void terminateForgotten(String warning) {
        if (state.get() != State.OPEN) {
            return;
        }
        log.warn(warning);
        terminate();
    }

    /**
     * The engine below this pool, for tests in this package.
     *
     * @throws IllegalStateException for a pool of threads, which has none
     */
    Engine engine() {
        if (backend instanceof EngineBackend engineBackend) {
            return engineBackend.engine();
        }
        throw new IllegalStateException("a pool of threads has no engine");
    }

    // ---- internals -----------------------------------------------------------------------------

    private RegisteredTask registered(Class<?> task) {
        checkOpen();
        return backend.registry().require(task);
    }

    /** The options of an eager job of {@code tasks} tasks: unset chunksize by Python's rule. */
    private JobOptions eager(JobOptions options, int tasks) {
        int slots = 4 * backend.parallelism();
        return resolved(options, Math.max(1, (tasks + slots - 1) / slots)); // ceil(n / (4 × workers)), at least 1
    }

    /** {@code options} over the pool's defaults, with {@code chunksize} if neither sets one. */
    private JobOptions resolved(JobOptions options, int chunksize) {
        JobOptions effective = options.orElse(defaults);
        return effective.chunksize() != null ? effective : effective.withChunksize(chunksize);
    }

    private void checkOpen() {
        if (state.get() != State.OPEN) {
            throw new IllegalStateException("the pool is closed: create a new one to run more work");
        }
    }
}
