package io.mqpool;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.engine.EngineStartException;
import io.mqpool.engine.JobIds;
import io.mqpool.engine.JobMode;
import io.mqpool.engine.WorkerOptions;
import io.mqpool.engine.events.JobEvents;
import io.mqpool.engine.store.JobState;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedList;
import io.mqpool.jobs.SharedMap;
import io.mqpool.jobs.TaskJson;
import io.mqpool.jobs.TaskRegistry;
import io.mqpool.threads.MemoryState;
import io.mqpool.threads.TaskThreads;
import io.mqpool.threads.ThreadTaskContext;
import io.mqpool.worker.TaskInvocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool's jobs on threads of the caller's JVM ({@code Pool.threads}): no broker, no worker
 * processes, no store. Arguments and results still go through the same JSON as on worker
 * processes, and tasks run through the same {@link TaskInvocation}, so a task binds, fails and
 * returns alike in both pools; shared state lives in memory ({@link MemoryState}).
 */
final class ThreadBackend implements PoolBackend {

    private static final Logger log = LoggerFactory.getLogger(ThreadBackend.class);
    /** How long close() lets the threads finish what they run once every job has finished. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final TaskRegistry registry;
    private final TaskJson json = new TaskJson();
    private final MemoryState state = new MemoryState();
    private final JobEvents events = new JobEvents();
    private final JobIds ids = new JobIds();
    private final PoolJobs jobs = new PoolJobs();
    private final ScheduledThreadPoolExecutor timer;
    private final Set<ThreadJob> unfinished = ConcurrentHashMap.newKeySet();
    private final ThreadRuntime runtime;

    private ThreadBackend(TaskRegistry registry, int threads, WorkerOptions options) {
        this.registry = registry;
        TaskThreads.Initializer initializer = initializer(options);
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mqpool-thread-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // a task that ends in time leaves nothing behind
        TaskThreads taskThreads;
        try {
            taskThreads = TaskThreads.start(threads, initializer, options.maxTasksPerWorker(), this::fatal);
        } catch (TaskThreads.StartException e) {
            timer.shutdownNow();
            throw new EngineStartException(e.getMessage(), e.getCause());
        }
        this.runtime = new ThreadRuntime(taskThreads, timer, new TaskInvocation(json), json, state, events);
    }

    /**
     * Starts {@code threads} threads, each running the initializer of {@code options} first, and
     * blocks until they have.
     *
     * @param tasksDir a directory of task jars besides the class path; may be null
     * @throws io.mqpool.jobs.UnknownTaskException if the initializer is not a registered task
     * @throws EngineStartException if the initializer fails on a thread, with its error
     */
    static ThreadBackend start(int threads, Path tasksDir, WorkerOptions options) {
        return new ThreadBackend(TaskRegistry.load(tasksDir, ThreadBackend.class.getClassLoader()), threads, options);
    }

    /** Runs the pool's initializer task, its argument through JSON as a worker process gets it. */
    private TaskThreads.Initializer initializer(WorkerOptions options) {
        if (options.initializer() == null) {
            return workerId -> { };
        }
        RegisteredTask task = registry.require(options.initializer());
        JsonNode arg = json.toJson(options.initializerArg());
        return workerId -> task.instance().call(json.bindArgument(task, arg),
                new ThreadTaskContext("initializer", 0, 0, workerId, state));
    }

    /** The initializer failed on a thread that replaced a retired one: the pool cannot go on. */
    private void fatal(TaskThreads.StartException error) {
        log.error("the pool of threads cannot run: {}", error.getMessage());
        events.stopAll(error);
        for (ThreadJob job : List.copyOf(unfinished)) {
            job.end(JobState.CANCELLED, true);
        }
    }

    @Override
    public TaskRegistry registry() {
        return registry;
    }

    @Override
    public TaskJson json() {
        return json;
    }

    @Override
    public int parallelism() {
        return runtime.threads().count();
    }

    @Override
    public <R> AsyncResult<R> submitAll(RegisteredTask task, JobMode mode, List<String> argsJson, JobOptions options,
                                        ResultAssembly<R> assembly) {
        ThreadJob job = track(task, options, argsJson.iterator(), ThreadJob.HandOut.AT_END);
        AsyncResult<R> result = jobs.result(job.signal(), () -> assembly.assemble(job.allOutcomes()),
                stopRunning -> job.end(JobState.CANCELLED, stopRunning));
        job.start();
        return result;
    }

    @Override
    public <R> ResultSequence<R> submitLazy(RegisteredTask task, JobMode mode, ArgumentEncoder.LazyArguments input,
                                            JobOptions options, boolean inputOrder) {
        ThreadJob job = track(task, options, input,
                inputOrder ? ThreadJob.HandOut.INPUT_ORDER : ThreadJob.HandOut.COMPLETION_ORDER);
        ResultSequence<R> results = new ResultSequence<>(job.signal(), new ThreadJobFeed<>(job), inputOrder,
                new ResultSequence.Hooks(() -> job.end(JobState.CANCELLED, true), input::failure,
                        () -> job.draining() ? "closed" : jobs.closedBy(), job::taken));
        job.start();
        return results;
    }

    private ThreadJob track(RegisteredTask task, JobOptions options, Iterator<String> input,
                            ThreadJob.HandOut handOut) {
        ThreadJob job = new ThreadJob(runtime, ids.next(), task, options, input, handOut);
        unfinished.add(job);
        jobs.track(job.signal()).finished().whenComplete((jobState, error) -> unfinished.remove(job));
        return job;
    }

    @Override
    public SharedCounter counter(String name) {
        return state.counter(name);
    }

    @Override
    public SharedArray array(String name, int size) {
        return state.array(name, size);
    }

    @Override
    public SharedMap map(String name) {
        return state.map(name);
    }

    @Override
    public SharedList list(String name) {
        return state.list(name);
    }

    /**
     * Runs the rest of every half-read {@code imap} here first (its results are not kept: nobody
     * takes them any more), then waits for every job and callback, then stops the threads.
     */
    @Override
    public void close() {
        for (ThreadJob job : List.copyOf(unfinished)) {
            job.drain();
        }
        jobs.awaitAll();
        jobs.stopCallbacks(5);
        jobs.closing("closed");
        runtime.threads().close(CLOSE_GRACE);
        timer.shutdownNow();
    }

    @Override
    public void terminate() {
        jobs.abandonUnsettled();
        jobs.closing("terminated");
        for (ThreadJob job : List.copyOf(unfinished)) {
            job.end(JobState.CANCELLED, true);
        }
        runtime.threads().terminate();
        timer.shutdownNow();
        events.stopAll(new IllegalStateException("the pool was terminated"));
        jobs.stopCallbacksNow();
        jobs.abandonUnsettled(); // any submitted while the first pass ran
    }
}
