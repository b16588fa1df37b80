package io.mqpool;

import io.mqpool.config.SettingsLoader;
import io.mqpool.config.StoreSettings;
import io.mqpool.engine.WorkerOptions;
import io.mqpool.jobs.Task;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sets up a {@link Pool}; nothing starts until {@link #build()}. Every setter throws
 * {@link IllegalArgumentException} naming the argument for a value it cannot use, null
 * included.
 *
 * <p>By default the pool runs worker processes. {@link #threads(int)} makes it run threads of
 * this JVM instead ({@link Pool#threads(int)}); then the tasks directory, the defaults, the
 * initializer and the task limit apply to the threads, and the settings of worker processes
 * and of the store ({@code workers}, {@code dataDir}, {@code store}, {@code workerJvmOptions},
 * {@code workerJava}) make {@link #build()} fail, as they would mean nothing.
 */
public final class PoolBuilder {

    private final Map<String, String> flags = new HashMap<>();
    /** The setters called that only a pool of worker processes uses, in the order called. */
    private final Set<String> processSettings = new LinkedHashSet<>();
    private Integer threads;
    private Path tasksDir;
    private Path dataDir;
    private JobOptions defaults = JobOptions.defaults();
    private Class<?> initializer;
    private Object initializerArg;
    private long maxTasksPerWorker;

    PoolBuilder() {
        // A pool's broker never needs a fixed port: two pools in one JVM must not clash.
        flags.put("broker.port", "0");
    }

    /** How many worker processes to run; default one per core. */
    public PoolBuilder workers(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + count);
        }
        flags.put("workers", Integer.toString(count));
        processSettings.add("workers");
        return this;
    }

    /**
     * Runs tasks on {@code count} threads of this JVM instead of worker processes: see
     * {@link Pool#threads(int)}.
     */
    public PoolBuilder threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + count);
        }
        this.threads = count;
        return this;
    }

    /**
     * Where the broker journal and the database live. Default: a temporary directory that
     * {@code close()} removes; a directory given here is kept.
     */
    public PoolBuilder dataDir(Path dir) {
        this.dataDir = required(dir, "dataDir");
        flags.put("data", dir.toString());
        processSettings.add("dataDir");
        return this;
    }

    /**
     * Keeps the jobs in the database at {@code url} instead of the H2 file in the data directory,
     * signing in as the URL or the database's defaults say (the settings {@code store.url} and
     * so on, as {@code mqpool server} reads them). Nothing is connected before {@link #build()}.
     * Unlike a server, a pool takes no lease over the store: no other pool or server may use the
     * same database while it runs.
     *
     * @param url a JDBC URL of PostgreSQL ({@code jdbc:postgresql://HOST:PORT/DATABASE}) or H2
     * @throws IllegalArgumentException for a null URL or one of another kind, naming what is allowed
     */
    public PoolBuilder store(String url) {
        flags.put("store.url", checkedStoreUrl(url));
        processSettings.add("store");
        return this;
    }

    /**
     * Like {@link #store(String)}, signing in as {@code user} with the password in
     * {@code passwordFile}, which {@link #build()} reads (it must be readable by its owner only,
     * as for {@code mqpool server}).
     *
     * @throws IllegalArgumentException for a null or blank argument, or a URL of another kind
     */
    public PoolBuilder store(String url, String user, Path passwordFile) {
        String checked = checkedStoreUrl(url);
        if (required(user, "store user").isBlank()) {
            throw new IllegalArgumentException("store user must not be blank");
        }
        required(passwordFile, "store passwordFile");
        flags.put("store.url", checked);
        flags.put("store.user", user);
        flags.put("store.password-file", passwordFile.toString());
        processSettings.add("store");
        return this;
    }

    private static String checkedStoreUrl(String url) {
        if (required(url, "store url").isBlank()) {
            throw new IllegalArgumentException("store url must not be blank");
        }
        try {
            return StoreSettings.checkedUrl(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("store url " + e.getMessage(), e);
        }
    }

    /**
     * Where jars of user tasks are found; default {@code <data>/tasks}, and for a pool of
     * threads none (only the class path).
     */
    public PoolBuilder tasksDir(Path dir) {
        this.tasksDir = required(dir, "tasksDir");
        flags.put("tasks-dir", dir.toString());
        return this;
    }

    /**
     * JVM options of every worker process, such as {@code -Xmx256m}, one option an element.
     *
     * @throws IllegalArgumentException for a null list, or an element that is null, blank or
     *     holds whitespace (the options are passed on as words)
     */
    public PoolBuilder workerJvmOptions(List<String> options) {
        required(options, "workerJvmOptions");
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (option == null || option.isBlank() || option.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("workerJvmOptions element " + i + " must be one option without "
                        + "whitespace, got " + (option == null ? "null" : "'" + option + "'"));
            }
        }
        flags.put("worker.jvm-options", String.join(" ", options));
        processSettings.add("workerJvmOptions");
        return this;
    }

    /** The {@code java} executable that starts workers; default the one running this JVM. */
    public PoolBuilder workerJava(Path javaCommand) {
        flags.put("worker.java", required(javaCommand, "workerJava").toString());
        processSettings.add("workerJava");
        return this;
    }

    /** Options for every job of this pool that does not set its own. */
    public PoolBuilder defaults(JobOptions options) {
        this.defaults = required(options, "defaults");
        return this;
    }

    /**
     * A registered task each worker runs once, with {@code arg}, before its first task (Python's
     * {@code initializer}/{@code initargs}); in a pool of threads, each thread runs it once, as
     * in Python's {@code ThreadPool}, so per-thread state (a {@code ThreadLocal}) is what it
     * may set up. One that fails makes {@link #build()} fail with its error instead of starting
     * workers again and again. {@code arg} may be null (JSON null).
     *
     * @throws IllegalArgumentException if {@code task} is null
     */
    public <A> PoolBuilder initializer(Class<? extends Task<A, ?>> task, A arg) {
        this.initializer = required(task, "initializer");
        this.initializerArg = arg;
        return this;
    }

    /**
     * Replaces a worker with a fresh process after it ran {@code tasks} tasks (Python's
     * {@code maxtasksperchild}), counted in whole chunks; in a pool of threads, a thread with a
     * fresh thread (which runs the initializer again).
     */
    public PoolBuilder maxTasksPerWorker(long tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("maxTasksPerWorker must be at least 1, got " + tasks);
        }
        this.maxTasksPerWorker = tasks;
        return this;
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /**
     * Starts the pool: broker, database and worker processes. Blocks until the workers are
     * ready (a second or two). A pool of threads starts its threads and blocks only while they
     * run the initializer.
     *
     * @throws io.mqpool.config.SettingsException if a setting is invalid
     * @throws io.mqpool.engine.EngineStartException if a part cannot start, such as a worker
     *     JVM that fails (with that process's error output), an initializer that fails, or a
     *     store password file that is missing or others may read
     * @throws io.mqpool.engine.store.StoreException if the store cannot be opened (a
     *     PostgreSQL server that cannot be reached or refuses the user)
     * @throws io.mqpool.jobs.UnknownTaskException if the initializer is not a registered task
     * @throws IllegalStateException for a pool of threads given a setting of worker processes
     */
    public Pool build() {
        WorkerOptions workerOptions = new WorkerOptions(initializer, initializerArg, maxTasksPerWorker);
        if (threads != null) {
            if (!processSettings.isEmpty()) {
                throw new IllegalStateException(String.join(", ", processSettings) + " set for a pool of threads ("
                        + "threads(" + threads + ")): only worker processes use "
                        + (processSettings.size() == 1 ? "it" : "them"));
            }
            return Pool.startThreads(threads, tasksDir, defaults, workerOptions);
        }
        return Pool.start(SettingsLoader.fromSystem(), flags, dataDir == null, defaults,
                workerOptions);
    }
}
