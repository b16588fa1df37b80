package io.mqpool;

import io.mqpool.engine.events.JobSignal;
import io.mqpool.engine.store.JobState;
import io.mqpool.jobs.JobPriority;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.outcome.TaskOutcome;
import io.mqpool.threads.TaskRun;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One job of a pool of threads: its input read a chunk at a time as its window allows, its
 * chunks on the pool's queue, their outcomes kept in memory until the caller takes them, and
 * its end. Thread-safe; the caller's input is read by one thread at a time.
 *
 * <p>The window bounds the chunks read and not yet done with. For a job whose results come at
 * its end ({@code map}, {@code apply}) a chunk is done with once its outcomes are in; for an
 * {@code imap} only once the caller took its results, since they wait here in memory: the
 * input is then read by the thread that takes results, as fast as it takes them.
 */
final class ThreadJob {

    /** How the job's results are handed out, which decides how long outcomes stay here. */
    enum HandOut {
        /** All at once when the job ends: {@code map}, {@code starmap}, {@code apply}. */
        AT_END,
        /** In input order as each next one is ready: {@code imap}. */
        INPUT_ORDER,
        /** In completion order: {@code imapUnordered}. */
        COMPLETION_ORDER
    }

    /** One read of the input: up to a chunk of arguments, and whether the input ended with it. */
    private record Read(List<String> args, boolean last) {
    }

    private final ThreadRuntime runtime;
    private final String id;
    private final RegisteredTask task;
    private final JobOptions options;
    private final OutcomeTyping<Object> typing;
    private final Iterator<String> input;
    private final HandOut handOut;
    /** Chunks the job may have read and not yet done with (see above); maxInFlight in whole chunks. */
    private final int window;
    /** The same, for an {@code imap} that {@link #drain()} runs to its end, and by default. */
    private final int drainWindow;
    private final JobSignal signal;
    /** Held while the caller's input is read, which may block; taken before this job's own lock. */
    private final Object inputLock = new Object();

    // Guarded by this.
    private JobState state = JobState.RUNNING;
    private boolean inputEnded;
    private boolean draining;
    private boolean anyFailed;
    private int chunksRead;
    private long tasksRead;
    private int chunksDone;
    private int ahead;
    private final HeldOutcomes held;
    private final Set<TaskRun> running = new HashSet<>();
    private ScheduledFuture<?> deadline;

    /**
     * @param options resolved: the chunksize is set
     * @param input each task's argument as JSON
     */
    ThreadJob(ThreadRuntime runtime, String id, RegisteredTask task, JobOptions options, Iterator<String> input,
              HandOut handOut) {
        this.runtime = runtime;
        this.id = id;
        this.task = task;
        this.options = options;
        this.typing = new OutcomeTyping<>(runtime.json(), task, id);
        this.input = input;
        this.handOut = handOut;
        this.held = new HeldOutcomes(handOut);
        // The engine's rule for chunks sent ahead of their outcomes, here ahead of the caller.
        this.drainWindow = Math.max(512, 8 * runtime.threads().count());
        Integer maxInFlight = options.maxInFlight();
        this.window = maxInFlight != null ? (maxInFlight + options.chunksize() - 1) / options.chunksize()
                : handOut == HandOut.AT_END ? Integer.MAX_VALUE : drainWindow;
        this.signal = runtime.events().signal(id);
    }

    String id() {
        return id;
    }

    RegisteredTask task() {
        return task;
    }

    private JobPriority priority() {
        return options.priority() == null ? JobPriority.NORMAL : options.priority();
    }

    JobOptions options() {
        return options;
    }

    ThreadRuntime runtime() {
        return runtime;
    }

    JobSignal signal() {
        return signal;
    }

    /** Arms the job's deadline and reads the first window of its input, on the caller's thread. */
    void start() {
        if (options.jobTimeout() != null) {
            ScheduledFuture<?> timer = runtime.timer().schedule(() -> end(JobState.TIMED_OUT, true),
                    options.jobTimeout().toNanos(), TimeUnit.NANOSECONDS);
            synchronized (this) {
                deadline = timer;
            }
        }
        topUp();
    }

    /** Reads chunks and queues them while the window has room and the input has more. */
    private void topUp() {
        while (true) {
            synchronized (this) {
                if (state != JobState.RUNNING || inputEnded || ahead >= (draining ? drainWindow : window)) {
                    return;
                }
                ahead++;
            }
            ThreadChunk chunk = null;
            JobState ended = null;
            synchronized (inputLock) {
                Read read = read();
                synchronized (this) {
                    if (read.args().isEmpty()) {
                        ahead--;
                    } else {
                        chunk = new ThreadChunk(this, chunksRead++, tasksRead, read.args());
                        tasksRead += read.args().size();
                    }
                    if (read.last()) {
                        inputEnded = true;
                        ended = completeIfDone();
                    }
                }
            }
            if (chunk != null) {
                runtime.threads().submit(new ChunkPart(chunk, 0, 0), priority());
            }
            if (ended != null) {
                announceEnd(ended);
            }
            if (chunk == null || ended != null) {
                return;
            }
        }
    }

    /** Up to one chunk of the input. What the caller's input throws ends it; the tasks read before still run. */
    private Read read() {
        int chunksize = options.chunksize();
        List<String> args = new ArrayList<>(Math.min(chunksize, 1_024));
        try {
            while (args.size() < chunksize) {
                if (!input.hasNext()) {
                    return new Read(args, true);
                }
                args.add(input.next());
            }
            return new Read(args, !input.hasNext());
        } catch (RuntimeException e) {
            // The lazy input has kept what the caller's iterator threw, for the caller to see
            // after the results of the arguments read before it.
            return new Read(args, true);
        }
    }

    /**
     * Adds {@code run} to the job's running tasks, which a cancel or a deadline stops.
     *
     * @return false if the job has ended: the task is not to run
     */
    synchronized boolean register(TaskRun run) {
        if (state != JobState.RUNNING) {
            return false;
        }
        running.add(run);
        return true;
    }

    synchronized void unregister(TaskRun run) {
        running.remove(run);
    }

    /** Records the outcome of one task, typed as the caller will see it. */
    void record(ThreadChunk chunk, int position, TaskOutcome outcome) {
        Outcome<Object> typed = typing.typed(chunk.index(position), outcome, () -> chunk.arg(position));
        if (chunk.record(position, typed)) {
            chunkFinished(chunk);
        }
    }

    private void chunkFinished(ThreadChunk chunk) {
        JobState ended;
        boolean roomMade;
        synchronized (this) {
            if (state != JobState.RUNNING) {
                return; // cancelled or past its deadline: what ran on after that is not kept
            }
            chunksDone++;
            List<Outcome<Object>> outcomes = chunk.outcomes();
            anyFailed |= outcomes.stream().anyMatch(outcome -> !outcome.isSuccess());
            if (!draining) {
                held.hold(chunk.chunkNo(), outcomes);
            }
            roomMade = handOut == HandOut.AT_END || draining;
            if (roomMade) {
                ahead--;
            }
            ended = completeIfDone();
        }
        if (ended != null) {
            announceEnd(ended);
        } else {
            runtime.events().changed(id);
            if (roomMade) {
                topUp();
            }
        }
    }

    /** Ends the job if its input is read to its end and every chunk read is done. Under this job's lock. */
    private JobState completeIfDone() {
        if (state != JobState.RUNNING || !inputEnded || chunksDone < chunksRead) {
            return null;
        }
        state = anyFailed ? JobState.FAILED : JobState.COMPLETED;
        return state;
    }

    private void announceEnd(JobState ended) {
        ScheduledFuture<?> timer;
        synchronized (this) {
            timer = deadline;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        runtime.events().finished(id, ended);
    }

    /**
     * Ends the job as {@code to} (cancelled, or past its deadline): its tasks not started never
     * run, and with {@code stopRunning} its running ones are interrupted and their outcomes
     * dropped. Outcomes recorded before stay and are handed out. Does not block.
     *
     * @return false if the job had already ended
     */
    boolean end(JobState to, boolean stopRunning) {
        List<TaskRun> toStop;
        synchronized (this) {
            if (state != JobState.RUNNING) {
                return false;
            }
            state = to;
            toStop = stopRunning ? List.copyOf(running) : List.of();
        }
        toStop.forEach(TaskRun::stop);
        announceEnd(to);
        return true;
    }

    /** The caller took the results of {@code chunks} more chunks of an {@code imap}: room for more. */
    void taken(int chunks) {
        synchronized (this) {
            if (handOut == HandOut.AT_END || draining) {
                return;
            }
            ahead -= chunks;
        }
        topUp();
    }

    /**
     * Runs the rest of an {@code imap} to its end with nobody taking its results, as a closing
     * pool does: what remains of the input is read here and as chunks finish, and outcomes are
     * not kept any more, so memory stays bounded. Its sequence ends as the pool is closing.
     */
    void drain() {
        synchronized (this) {
            if (handOut == HandOut.AT_END || draining) {
                return;
            }
            draining = true;
            ahead = chunksRead - chunksDone;
            held.clear();
        }
        topUp();
    }

    synchronized boolean draining() {
        return draining;
    }

    /** The outcomes of up to {@code limit} more chunks in the job's order of handing out. */
    synchronized List<List<Outcome<Object>>> next(int limit) {
        return held.next(limit);
    }

    synchronized OutcomeFeed.Standing standing() {
        return new OutcomeFeed.Standing(inputEnded ? chunksRead : null, state);
    }

    /** Every outcome of a job whose results come at its end, in input order. */
    synchronized List<Outcome<Object>> allOutcomes() {
        return held.all(chunksRead);
    }
}
