package io.mqpool.worker;

import io.mqpool.broker.TaskChunk;

/** Told just before a task of a chunk runs, on the thread that runs it. */
@FunctionalInterface
interface TaskStartListener {

    /** @param taskIndex the task's absolute index in its job */
    void taskStarting(TaskChunk chunk, long taskIndex);
}
