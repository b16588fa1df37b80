package io.mqpool;

import io.mqpool.engine.JobMode;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedList;
import io.mqpool.jobs.SharedMap;
import io.mqpool.jobs.TaskJson;
import io.mqpool.jobs.TaskRegistry;
import java.util.List;

/**
 * What runs a {@link Pool}'s jobs: worker processes behind an engine ({@link EngineBackend}),
 * or threads of the caller's JVM ({@link ThreadBackend}). The pool checks its own state and
 * the caller's input, then hands each job here with its options resolved (a chunksize always
 * set, the pool's defaults applied).
 */
interface PoolBackend {

    /** The tasks this backend can run. */
    TaskRegistry registry();

    /** The JSON form arguments and results take. */
    TaskJson json();

    /** How many tasks run at once: workers or threads. Decides {@code map}'s default chunksize. */
    int parallelism();

    /** Starts a job whose arguments are all known; its result is made by {@code assembly} once it ends. */
    <R> AsyncResult<R> submitAll(RegisteredTask task, JobMode mode, List<String> argsJson, JobOptions options,
                                 ResultAssembly<R> assembly);

    /** Starts a job whose arguments are read lazily, as there is room for them. */
    <R> ResultSequence<R> submitLazy(RegisteredTask task, JobMode mode, ArgumentEncoder.LazyArguments input,
                                     JobOptions options, boolean inputOrder);

    /** The pool's counter of that name; see {@link Pool#counter}. */
    SharedCounter counter(String name);

    /** The pool's array of that name and size; see {@link Pool#array}. */
    SharedArray array(String name, int size);

    /** The pool's map of that name; see {@link Pool#map(String)}. */
    SharedMap map(String name);

    /** The pool's list of that name; see {@link Pool#list(String)}. */
    SharedList list(String name);

    /** Blocks until every job submitted has finished and every callback has run, then stops. */
    void close();

    /** Stops at once, cancelling what has not finished. Idempotent. */
    void terminate();
}
