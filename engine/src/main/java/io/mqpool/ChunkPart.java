package io.mqpool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.config.Durations;
import io.mqpool.outcome.StackFrame;
import io.mqpool.outcome.TaskOutcome;
import io.mqpool.outcome.TaskOutcome.Failure;
import io.mqpool.threads.TaskRun;
import io.mqpool.threads.TaskThreads;
import io.mqpool.threads.ThreadTaskContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The tasks of a chunk from one position on, run in order by one thread of the pool. A task
 * past its task timeout is interrupted and the rest of the chunk moves on at once to another
 * part at the head of the queue, so that a task which ignores the interrupt holds up only its
 * own thread: its outcome is the timeout, or, with {@code retryTimeouts}, a new run.
 */
final class ChunkPart implements TaskThreads.Work {

    private static final String TIMEOUT_TYPE = TaskTimeoutException.class.getName();

    private final ThreadChunk chunk;
    private final int from;
    /** How often the task at {@link #from} ran before: past its timeout, with retryTimeouts. */
    private final int redeliveries;

    ChunkPart(ThreadChunk chunk, int from, int redeliveries) {
        this.chunk = chunk;
        this.from = from;
        this.redeliveries = redeliveries;
    }

    @Override
    public int run(String workerId) {
        ThreadJob job = chunk.job();
        int ran = 0;
        for (int position = from; position < chunk.size(); position++) {
            int attempt = position == from ? redeliveries : 0;
            TaskRun run = TaskRun.onThisThread();
            if (!job.register(run)) {
                return ran; // the job ended: the rest of the chunk never runs
            }
            ScheduledFuture<?> timeout = armTimeout(run, position, attempt);
            TaskOutcome outcome = invoke(position, attempt, workerId);
            if (timeout != null) {
                timeout.cancel(false);
            }
            boolean stands = run.end();
            job.unregister(run);
            ran++;
            if (!stands) {
                return ran; // stopped: its timeout moved the rest on, or the job ended
            }
            job.record(chunk, position, outcome);
        }
        return ran;
    }

    private TaskOutcome invoke(int position, int attempt, String workerId) {
        ThreadJob job = chunk.job();
        ThreadRuntime runtime = job.runtime();
        try {
            JsonNode arg = runtime.json().mapper().readTree(chunk.arg(position));
            try {
                return runtime.invocation().run(job.task(), arg, new ThreadTaskContext(job.id(), chunk.index(position),
                        attempt, workerId, runtime.state()));
            } finally {
                // A lock the task left held would block every task that waits for it.
                runtime.state().releaseLeftovers();
            }
        } catch (JsonProcessingException e) {
            return Failure.of(e); // the pool wrote this JSON itself: not expected
        } catch (VirtualMachineError e) {
            // A worker process would die of it and the task run again on a fresh JVM; this JVM
            // is the caller's, so the task fails with it.
            return Failure.of(e);
        }
    }

    private ScheduledFuture<?> armTimeout(TaskRun run, int position, int attempt) {
        Duration timeout = chunk.job().options().taskTimeout();
        if (timeout == null) {
            return null;
        }
        return chunk.job().runtime().timer().schedule(() -> timedOut(run, position, attempt),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** On the timer's thread: the task at {@code position} ran past its timeout. */
    private void timedOut(TaskRun run, int position, int attempt) {
        StackTraceElement[] where = run.thread().getStackTrace();
        if (!run.stop()) {
            return; // it ended just now
        }
        ThreadJob job = chunk.job();
        TaskThreads threads = job.runtime().threads();
        Integer retries = job.options().retries();
        if (Boolean.TRUE.equals(job.options().retryTimeouts()) && retries != null && attempt < retries) {
            threads.submitFirst(new ChunkPart(chunk, position, attempt + 1));
            return;
        }
        job.record(chunk, position, timeoutFailure(attempt + 1, where));
        if (position + 1 < chunk.size()) {
            threads.submitFirst(new ChunkPart(chunk, position + 1, 0));
        }
    }

    /** The outcome of a task stopped past its timeout; its frames are where it was then. */
    private Failure timeoutFailure(int timeouts, StackTraceElement[] where) {
        return new Failure(TIMEOUT_TYPE, "task ran past its task timeout of "
                + Durations.format(chunk.job().options().taskTimeout()) + " " + timeouts
                + (timeouts == 1 ? " time" : " times") + "; its thread was interrupted",
                Arrays.stream(where).map(StackFrame::of).toList(), null, null, null);
    }
}
