package io.mqpool;

import io.mqpool.events.JobSignal;
import io.mqpool.store.ChunkOutcomes;
import io.mqpool.store.JobRow;
import io.mqpool.store.JobState;
import io.mqpool.store.JobStore;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The results of {@code imap} (input order) or {@code imapUnordered} (completion order),
 * handed out as soon as each is ready. One pass only: {@link #iterator()} and
 * {@link #stream()} share the position. Results are read from the store a page at a time, so
 * memory stays bounded however long the job.
 *
 * <p>A failed task throws its {@link TaskFailedException} at its place; iteration may go on
 * past it. Closing the sequence cancels the job's remaining tasks.
 */
public final class ResultSequence<R> implements Iterable<R>, AutoCloseable {

    private static final int PAGE = 256;

    private final JobSignal signal;
    private final JobStore store;
    private final OutcomeReader<R> reader;
    private final boolean inputOrder;
    private final Runnable cancelJob;
    private final Supplier<RuntimeException> inputError;
    private final IntConsumer chunksTaken;
    private final Deque<Outcome<R>> ready = new ArrayDeque<>();
    /** The sizes of the chunks whose outcomes are in {@link #ready}, oldest first. */
    private final Deque<Integer> readyChunkSizes = new ArrayDeque<>();
    private int takenOfOldestChunk;
    private int nextChunk;
    private long lastSeq;
    private int chunksRead;
    private boolean ended;

    ResultSequence(JobSignal signal, JobStore store, OutcomeReader<R> reader, boolean inputOrder,
                   Runnable cancelJob, Supplier<RuntimeException> inputError, IntConsumer chunksTaken) {
        this.signal = signal;
        this.store = store;
        this.reader = reader;
        this.inputOrder = inputOrder;
        this.cancelJob = cancelJob;
        this.inputError = inputError;
        this.chunksTaken = chunksTaken;
    }

    public String jobId() {
        return signal.jobId();
    }

    /**
     * Blocks until the next result is ready or {@code timeout} passes.
     *
     * @throws TimeoutException if no result is ready in time (the sequence stays usable)
     * @throws NoSuchElementException if every result has been handed out
     * @throws TaskFailedException if the next task failed
     * @throws CancellationException if the job was cancelled or the wait interrupted
     * @throws JobTimeoutException once the results gathered before the job's deadline are out
     */
    public synchronized R next(Duration timeout) throws TimeoutException {
        if (!fill(System.nanoTime() + timeout.toNanos())) {
            throw new NoSuchElementException("all results of job " + jobId() + " have been handed out");
        }
        return take().value();
    }

    /** Blocks until it is known whether another result follows. */
    public synchronized boolean hasNext() {
        try {
            return fill(Long.MAX_VALUE);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a wait without limit timed out", e);
        }
    }

    /** The shared one-pass iterator; {@code next()} blocks until the next result is ready. */
    @Override
    public Iterator<R> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ResultSequence.this.hasNext();
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("all results of job " + jobId() + " have been handed out");
                }
                synchronized (ResultSequence.this) {
                    return take().value();
                }
            }
        };
    }

    /** The remaining results as a sequential stream. */
    public Stream<R> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    /** Cancels the tasks that have not run yet. Does not block on the workers. */
    @Override
    public void close() {
        if (!signal.finished().isDone()) {
            cancelJob.run();
        }
    }

    /** Hands out the oldest ready outcome, telling the engine when a chunk's last one is out. */
    private Outcome<R> take() {
        Outcome<R> outcome = ready.poll();
        if (++takenOfOldestChunk == readyChunkSizes.peek()) {
            readyChunkSizes.poll();
            takenOfOldestChunk = 0;
            chunksTaken.accept(1);
        }
        return outcome;
    }

    /** Makes sure a result is ready, waiting until the deadline; false at the end. */
    private boolean fill(long deadlineNanos) throws TimeoutException {
        while (ready.isEmpty() && !ended) {
            long seen = signal.version();
            List<ChunkOutcomes> page = inputOrder
                    ? store.outcomesInIndexOrder(jobId(), nextChunk, PAGE)
                    : store.outcomesInCompletionOrder(jobId(), lastSeq, PAGE);
            for (ChunkOutcomes chunk : page) {
                List<Outcome<R>> outcomes = reader.read(chunk);
                ready.addAll(outcomes);
                readyChunkSizes.add(outcomes.size());
                nextChunk = chunk.chunkNo() + 1;
                lastSeq = chunk.completionSeq();
                chunksRead++;
            }
            if (page.isEmpty()) {
                checkEnd();
                if (!ended) {
                    await(seen, deadlineNanos);
                }
            }
        }
        return !ready.isEmpty();
    }

    private void checkEnd() {
        JobRow job = store.job(jobId()).orElseThrow(() -> new IllegalStateException("job " + jobId() + " is gone"));
        if (job.totalChunks() != null && chunksRead >= job.totalChunks()) {
            ended = true;
            RuntimeException error = inputError.get();
            if (error != null) {
                throw new IllegalStateException("reading the input of job " + jobId() + " failed: " + error, error);
            }
        } else if (job.state() == JobState.CANCELLED) {
            ended = true;
            throw new CancellationException("job " + jobId() + " was cancelled");
        } else if (job.state() == JobState.TIMED_OUT) {
            ended = true;
            throw new JobTimeoutException(jobId());
        } else if (signal.finished().isCompletedExceptionally()) {
            ended = true;
            try {
                signal.finished().join();
            } catch (CompletionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private void await(long seen, long deadlineNanos) throws TimeoutException {
        long left = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutException("no result of job " + jobId() + " is ready yet");
        }
        try {
            signal.awaitChange(seen, Math.min(left, 1_000_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for job " + jobId());
        }
    }
}
