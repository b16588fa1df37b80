package io.mqpool;

import io.mqpool.engine.events.JobEvents;
import io.mqpool.jobs.TaskJson;
import io.mqpool.threads.MemoryState;
import io.mqpool.threads.TaskThreads;
import io.mqpool.worker.TaskInvocation;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every job of a pool of threads runs with.
 *
 * @param timer fires task timeouts and job deadlines, on thread {@code mqpool-thread-timer}
 * @param events the signals callers wait on, as the engine's jobs have them
 */
record ThreadRuntime(TaskThreads threads, ScheduledExecutorService timer, TaskInvocation invocation, TaskJson json,
                     MemoryState state, JobEvents events) {
}
