package io.mqpool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.config.Settings;
import io.mqpool.config.SettingsLoader;
import io.mqpool.engine.Engine;
import io.mqpool.engine.JobMode;
import io.mqpool.engine.JobSpec;
import io.mqpool.engine.WorkerOptions;
import io.mqpool.events.JobSignal;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskJson;
import io.mqpool.store.ChunkOutcomes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 */
public final class Pool implements AutoCloseable {

    private enum State { OPEN, CLOSED }

    private static final Logger log = LoggerFactory.getLogger(Pool.class);

    private final Engine engine;
    private final JobOptions defaults;
    private final Path temporaryDataDir;
    private final ExecutorService callbacks;
    private final Set<JobSignal> unfinished = ConcurrentHashMap.newKeySet();
    /** Results whose outcome has not been read from the store yet: read before the store closes. */
    private final Set<AsyncResult<?>> unassembled = ConcurrentHashMap.newKeySet();
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    /** Terminates the pool should the program end without closing it: the brokers' threads would keep the JVM. */
    private final ProgramEndWatch programEnd = new ProgramEndWatch(this::terminateForgotten);

    private Pool(Engine engine, JobOptions defaults, Path temporaryDataDir) {
        this.engine = engine;
        this.defaults = defaults.orElse(new JobOptions(null, null, null, JobOptions.DEFAULT_RETRIES, null, false));
        this.temporaryDataDir = temporaryDataDir;
        this.callbacks = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mqpool-callbacks");
            thread.setDaemon(true);
            return thread;
        });
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
     * @throws TaskFailedException for the lowest-indexed task that failed
     * @throws CancellationException if the job was cancelled or the wait interrupted
     */
    public <A, R> List<R> map(Class<? extends Task<A, R>> task, Iterable<? extends A> args) {
        return map(task, args, JobOptions.defaults());
    }

    public <A, R> List<R> map(Class<? extends Task<A, R>> task, Iterable<? extends A> args, JobOptions options) {
        return await(mapAsync(task, args, options));
    }

    /** Starts {@code map} without waiting. */
    public <A, R> AsyncResult<List<R>> mapAsync(Class<? extends Task<A, R>> task, Iterable<? extends A> args) {
        return mapAsync(task, args, JobOptions.defaults());
    }

    public <A, R> AsyncResult<List<R>> mapAsync(Class<? extends Task<A, R>> task, Iterable<? extends A> args,
                                                 JobOptions options) {
        RegisteredTask registered = registered(task);
        return submitAll(registered, JobMode.MAP, encodeAll(args), options, this::values);
    }

    /**
     * Runs {@code task} once per tuple, binding each tuple positionally to the task's record
     * argument, like Python's {@code Pool.starmap}. Blocks until all are done.
     *
     * @throws IllegalArgumentException if a tuple does not fit the record (nothing is run)
     * @throws TaskFailedException for the lowest-indexed task that failed
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
        List<String> argsJson = new ArrayList<>();
        for (List<?> tuple : tuples) {
            JsonNode node = engine.json().toJson(tuple);
            try {
                engine.json().bindArgument(registered, node);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tuple " + argsJson.size() + ": " + e.getMessage(), e);
            }
            argsJson.add(node.toString());
        }
        return submitAll(registered, JobMode.STARMAP, argsJson, options, this::values);
    }

    /**
     * Runs {@code task} on every argument and returns one outcome per argument instead of
     * throwing for a failed task. Blocks until all are done.
     */
    public <A, R> List<Outcome<R>> mapOutcomes(Class<? extends Task<A, R>> task, Iterable<? extends A> args) {
        return mapOutcomes(task, args, JobOptions.defaults());
    }

    public <A, R> List<Outcome<R>> mapOutcomes(Class<? extends Task<A, R>> task, Iterable<? extends A> args,
                                               JobOptions options) {
        RegisteredTask registered = registered(task);
        return await(submitAll(registered, JobMode.MAP, encodeAll(args), options, this::outcomes));
    }

    // ---- apply ---------------------------------------------------------------------------

    /**
     * Runs {@code task} once and blocks until it is done, like Python's {@code Pool.apply}.
     *
     * @throws TaskFailedException if the task failed
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
        return submitAll(registered, JobMode.APPLY, List.of(encode(arg)), options,
                reader -> this.<R>values(reader).get(0));
    }

    // ---- imap ------------------------------------------------------------------------------

    /**
     * Runs {@code task} on every argument, reading the arguments lazily, and returns the results
     * in input order as each next one is ready, like Python's {@code Pool.imap}. Does not block.
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
     * Stops taking work, blocks until every job submitted so far has finished, then stops the
     * workers and removes a temporary data directory. Idempotent.
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
        for (AsyncResult<?> result : List.copyOf(unassembled)) {
            result.assembleNow();
        }
        stopCallbacks();
        engine.close();
        deleteTree(temporaryDataDir);
    }

    /**
     * Stops at once: workers are killed and unfinished jobs end for their waiters with an
     * {@link IllegalStateException}. Idempotent; returns within seconds.
     */
    public void terminate() {
        state.set(State.CLOSED);
        programEnd.close();
        engine.terminate();
        callbacks.shutdownNow();
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
                stopRunning -> engine.cancel(signal.jobId(), stopRunning), callbacks, unassembled::remove);
        unassembled.add(result);
        if (result.assembled()) {
            unassembled.remove(result); // it was read before it was added
        }
        return result;
    }

    private <A, R> ResultSequence<R> submitLazy(RegisteredTask task, JobMode mode, Iterable<? extends A> args,
                                                JobOptions options, boolean inputOrder) {
        JobOptions effective = options.orElse(defaults);
        int chunksize = effective.chunksize() != null ? effective.chunksize() : 1;
        AtomicReference<RuntimeException> inputError = new AtomicReference<>();
        Iterator<? extends A> input = args.iterator();
        Iterator<String> encoded = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return input.hasNext();
            }

            @Override
            public String next() {
                return encode(input.next());
            }
        };
        JobSignal signal = track(engine.submitLazy(spec(task, mode, chunksize, effective), encoded, inputError::set));
        OutcomeReader<R> reader = new OutcomeReader<>(engine.store(), engine.json(), task, signal.jobId());
        return new ResultSequence<>(signal, engine.store(), reader, inputOrder,
                () -> engine.cancel(signal.jobId()), inputError::get,
                chunks -> engine.chunksTaken(signal.jobId(), chunks));
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

    private List<String> encodeAll(Iterable<?> args) {
        List<String> encoded = new ArrayList<>();
        for (Object arg : args) {
            encoded.add(encode(arg));
        }
        return encoded;
    }

    private String encode(Object arg) {
        try {
            String json = engine.json().toJsonText(arg);
            if (json.length() > TaskJson.MAX_VALUE_CHARS) {
                throw new IllegalArgumentException("an argument of " + json.length() + " characters of JSON is over "
                        + "the limit of " + TaskJson.MAX_VALUE_CHARS + " per argument; pass a file name instead");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("argument " + arg + " cannot be turned into JSON: "
                    + e.getOriginalMessage(), e);
        }
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

    private void stopCallbacks() {
        callbacks.shutdown();
        try {
            if (!callbacks.awaitTermination(5, TimeUnit.SECONDS)) {
                callbacks.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callbacks.shutdownNow();
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
