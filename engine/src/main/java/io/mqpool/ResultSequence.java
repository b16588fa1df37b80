package io.mqpool;

import io.mqpool.engine.events.JobSignal;
import io.mqpool.engine.store.JobState;
import io.mqpool.engine.store.StoreException;
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
 * {@link #stream()} share the position. Results are read from the store a page at a time (on
 * {@link Pool#threads threads}, from a bounded window in memory), so memory stays bounded
 * however long the job.
 *
 * <p>A failed task throws its {@link TaskFailedException} at its place; iteration may go on
 * past it. Closing the sequence cancels the job's remaining tasks.
 *
 * <p>If reading the input throws, the results of the arguments read before come first, then
 * the input's own exception is thrown, once, and the sequence ends: an unchecked one as it was
 * thrown, a checked one (thrown sneakily) wrapped once, in an {@link java.io.UncheckedIOException}
 * for an {@link java.io.IOException} and a {@link RuntimeException} otherwise, with it as the
 * cause. The input is not read again, and nothing after the failure runs. An argument that
 * cannot be encoded as JSON is such a failure of the input, an {@link IllegalArgumentException}
 * naming its index and class. In completion order, "first" means before the exception.
 *
 * <p>The results live in the pool's store: once the pool is closed (which waits for the job to
 * finish) or terminated, the results already read into memory (at most one page) are handed
 * out, then the sequence ends with one {@link IllegalStateException} saying from which index on
 * (in completion order: after how many) the results were not handed out. On a pool of
 * {@link Pool#threads threads} the results wait in memory, a bounded window of them: closing
 * the pool runs the rest of the job without keeping its results, and the sequence ends the
 * same way as soon as {@code close()} begins.
 */
public final class ResultSequence<R> implements Iterable<R>, AutoCloseable {

    private static final int PAGE = 256;

    private final JobSignal signal;
    private final OutcomeFeed<R> feed;
    private final boolean inputOrder;
    private final Hooks hooks;
    private final Deque<Outcome<R>> ready = new ArrayDeque<>();
    /** The sizes of the chunks whose outcomes are in {@link #ready}, oldest first. */
    private final Deque<Integer> readyChunkSizes = new ArrayDeque<>();
    private int handedOutOfOldestChunk;
    private int chunksRead;
    private long handedOut;
    private boolean ended;

    /**
     * What a sequence asks of the pool that made it.
     *
     * @param cancelJob cancels the job's remaining tasks
     * @param inputError what reading the input threw, as the caller is to see it (a
     *     RuntimeException or an Error); null while it has not
     * @param storeClosedBy how the pool stopped ("closed", "terminated") once its store closes;
     *     null while it is open
     * @param chunksTaken told each time the last result of a chunk was handed out, which makes
     *     room for a job with a bound of its own ({@code JobOptions.maxInFlight})
     */
    record Hooks(Runnable cancelJob, Supplier<Throwable> inputError, Supplier<String> storeClosedBy,
                 IntConsumer chunksTaken) {
    }

    /**
     * @param feed where the outcomes are read from: in input order or in completion order, as
     *     {@code inputOrder} says
     */
    ResultSequence(JobSignal signal, OutcomeFeed<R> feed, boolean inputOrder, Hooks hooks) {
        this.signal = signal;
        this.feed = feed;
        this.inputOrder = inputOrder;
        this.hooks = hooks;
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
     * @throws IllegalStateException once the results read before the pool was closed or
     *     terminated are out
     * @throws RuntimeException what reading the input threw, at its place (see above)
     */
    public synchronized R next(Duration timeout) throws TimeoutException {
        if (!fill(System.nanoTime() + timeout.toNanos())) {
            throw new NoSuchElementException("all results of job " + jobId() + " have been handed out");
        }
        return handOut();
    }

    /**
     * Blocks until it is known whether another result follows. Throws, at the end of what was
     * handed out, what {@link #next(Duration)} throws there for the job or its input.
     */
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
                    return handOut();
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
            hooks.cancelJob().run();
        }
    }

    /** Hands out the oldest ready outcome, telling the pool when a chunk's last one is out. */
    private R handOut() {
        handedOut++;
        Outcome<R> outcome = ready.poll();
        if (++handedOutOfOldestChunk == readyChunkSizes.peek()) {
            readyChunkSizes.poll();
            handedOutOfOldestChunk = 0;
            hooks.chunksTaken().accept(1);
        }
        return outcome.value(); // throws for a failed task, after it was counted as handed out
    }

    /** Makes sure a result is ready, waiting until the deadline; false at the end. */
    private boolean fill(long deadlineNanos) throws TimeoutException {
        while (ready.isEmpty() && !ended) {
            if (hooks.storeClosedBy().get() != null) {
                throw poolStopped(null);
            }
            try {
                readMore(deadlineNanos);
            } catch (StoreException e) {
                if (hooks.storeClosedBy().get() == null) {
                    throw e;
                }
                throw poolStopped(e); // the store closed while it was being read
            }
        }
        return !ready.isEmpty();
    }

    /** Reads the next page of outcomes, or waits for more if there are none yet. */
    private void readMore(long deadlineNanos) throws TimeoutException {
        long seen = signal.version();
        List<List<Outcome<R>>> page = feed.next(PAGE);
        for (List<Outcome<R>> outcomes : page) {
            ready.addAll(outcomes);
            readyChunkSizes.add(outcomes.size());
            chunksRead++;
        }
        if (page.isEmpty()) {
            checkEnd();
            if (!ended) {
                await(seen, deadlineNanos);
            }
        }
    }

    /** The pool's store is gone: what was not read from it is lost, and the caller is told once. */
    private IllegalStateException poolStopped(StoreException cause) {
        ended = true;
        String message = inputOrder
                ? "the pool was " + hooks.storeClosedBy().get() + "; the results of job " + jobId() + " from index "
                        + handedOut + " on were not handed out (read them before closing the pool)"
                : "the pool was " + hooks.storeClosedBy().get() + " after " + handedOut + " results of job " + jobId()
                        + " were handed out; the rest were not (read them before closing the pool)";
        return new IllegalStateException(message, cause);
    }

    private void checkEnd() {
        OutcomeFeed.Standing job = feed.standing();
        if (job.totalChunks() != null && chunksRead >= job.totalChunks()) {
            ended = true;
            Throwable error = hooks.inputError().get();
            if (error instanceof Error fatal) {
                throw fatal;
            }
            if (error != null) {
                throw (RuntimeException) error;
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
