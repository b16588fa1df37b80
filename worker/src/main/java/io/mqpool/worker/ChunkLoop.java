package io.mqpool.worker;

import io.mqpool.broker.BrokerFailures;
import io.mqpool.broker.ChunkResult;
import io.mqpool.broker.MalformedMessageException;
import io.mqpool.broker.Queues;
import io.mqpool.broker.TaskChunk;
import io.mqpool.broker.WireCodec;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * The worker's main loop on a transacted session: take a chunk, run it, send its result,
 * commit. Receive, run, send and commit form one transaction, so a crash anywhere makes the
 * broker deliver the chunk again and never leaves half a result behind.
 */
final class ChunkLoop {

    /**
     * Under load, chunks that are held are run and committed together, up to this many or
     * for this long, so that one journal sync serves several chunks.
     */
    private static final int GROUP_MAX_CHUNKS = 64;
    private static final long GROUP_MAX_NANOS = 20_000_000;

    private final WorkerSessions sessions;
    private final ChunkRunner runner;
    private final WireCodec codec = new WireCodec();
    private final StopSignal stop;
    private final SkippedJobs skipped;
    private final WorkerLog log;
    private final StatusReporter status;
    /** Tasks after which this worker retires; 0 for no limit. */
    private final long maxTasks;
    private volatile JMSException connectionFailure;

    /** @param maxTasks tasks after which the worker retires; 0 for no limit */
    ChunkLoop(WorkerSessions sessions, ChunkRunner runner, StopSignal stop, SkippedJobs skipped,
              WorkerLog log, StatusReporter status, long maxTasks) {
        this.sessions = sessions;
        this.runner = runner;
        this.stop = stop;
        this.skipped = skipped;
        this.log = log;
        this.status = status;
        this.maxTasks = maxTasks;
    }

    /**
     * Runs chunks until a stop is requested, then returns after committing the current one.
     * Blocks for as long as the worker runs.
     *
     * @param onReady called before the first receive
     * @throws BrokerConnectionLostException when the connection to the broker fails
     */
    void run(Runnable onReady) throws BrokerConnectionLostException {
        try (TaskFeed feed = new TaskFeed(sessions, log)) {
            sessions.onLost(e -> {
                connectionFailure = e;
                feed.connectionLost();
            });
            stop.onRequest(feed::wake);
            onReady.run();
            while (!stop.isRequested()) {
                checkConnection(null);
                try {
                    Message message = feed.next();
                    if (message != null) {
                        runGroupLocked(message, feed);
                    }
                } catch (JMSException e) {
                    checkConnection(e);
                    feed.lock();
                    try {
                        rollbackAfter(e, feed.lane());
                    } finally {
                        feed.unlock();
                    }
                }
            }
        }
    }

    private void runGroupLocked(Message first, TaskFeed feed) throws JMSException {
        feed.lock();
        try {
            runGroup(first, feed, feed.lane());
        } finally {
            feed.unlock();
        }
    }

    /**
     * Runs {@code first} and, while more chunks are held and the group is young, the next
     * ones, then commits them all at once. A chunk sent again after a worker died (or
     * delivered again) runs in a transaction of its own, so that a chunk that kills workers
     * never takes others down with it to the retry queue, and the task the supervisor saw
     * running is its own.
     *
     * <p>Receiving a chunk acknowledges it in the open transaction, so one met in the middle
     * of a group cannot be set apart from it: it goes back to the queue, as a copy sent in
     * the same transaction, and the worker takes one chunk at a time again (chunks that kill
     * workers may follow), which makes each chunk the first of its group.
     */
    private void runGroup(Message first, TaskFeed feed, Lane lane) throws JMSException {
        long deadline = System.nanoTime() + GROUP_MAX_NANOS;
        int tasks = 0;
        int chunks = 0;
        Message message = first;
        while (message != null) {
            Decoded decoded = decode(message);
            TaskChunk chunk = decoded.chunk();
            int deliveries = codec.deliveryCount(message);
            boolean retried = deliveries > 1 || (chunk != null && chunk.attempt() > 0);
            if (retried && chunks > 0 && chunk != null) {
                lane.tasks().send(codec.encodeCopy(lane.session(), chunk));
                feed.takeOneAtATime();
                break;
            }
            if (chunk == null) {
                moveToDeadLetters(message, lane, decoded.malformed());
            } else {
                tasks += handle(chunk, deliveries, lane, feed, tasks);
            }
            chunks++;
            boolean more = !retried && chunks < GROUP_MAX_CHUNKS && System.nanoTime() < deadline
                    && !stop.isRequested() && !retirementDue(tasks);
            message = more ? feed.nextIfHeld() : null;
        }
        if (chunks > 0) {
            lane.session().commit();
            status.idle(tasks);
        }
        if (retirementDue(0)) {
            status.retiring();
            stop.request();
        }
    }

    /** Whether this worker has done its share of tasks once {@code uncommitted} more are committed. */
    private boolean retirementDue(int uncommitted) {
        return maxTasks > 0 && status.tasksDone() + uncommitted >= maxTasks;
    }

    /** The chunk in {@code message}, or why it is malformed. */
    private Decoded decode(Message message) {
        try {
            return new Decoded(codec.decodeChunk(message), null);
        } catch (MalformedMessageException e) {
            return new Decoded(null, e.getMessage());
        }
    }

    /** A decoded chunk, or null and the reason it could not be decoded. */
    private record Decoded(TaskChunk chunk, String malformed) {
    }

    /**
     * Runs one chunk, whose message is already acknowledged, and sends its result, uncommitted;
     * returns the number of tasks run. {@code uncommitted} tasks ran before it in this group.
     */
    private int handle(TaskChunk chunk, int deliveries, Lane lane, TaskFeed feed, int uncommitted)
            throws JMSException {
        if (skipped.contains(chunk.jobId())) {
            // Its job ended while this worker held the chunk: the engine wants no outcome of it.
            return 0;
        }
        // Each attempt is a new message, whose first delivery the broker counts as 1.
        int redeliveries = chunk.attempt() + Math.max(0, deliveries - 1);
        status.busy(chunk);
        if (retirementDue(uncommitted + chunk.size())) {
            // The supervisor starts this worker's successor now, while this chunk runs.
            status.lastChunk();
        }
        ChunkResult result = feed.run(() -> runner.run(chunk, redeliveries));
        lane.results().send(codec.encode(lane.session(), result));
        return chunk.size();
    }

    /** Copies a malformed chunk's message to the dead letters; the chunk is already taken. */
    private void moveToDeadLetters(Message message, Lane lane, String reason) throws JMSException {
        log.line(reason + "; moved to " + Queues.DEAD_LETTER);
        if (!lane.deadLetters().copy(message, reason)) {
            log.line("the body of the malformed message is unreadable too; it is dropped");
        }
    }

    private void checkConnection(JMSException e) throws BrokerConnectionLostException {
        JMSException failure = connectionFailure;
        if (failure == null && e != null && BrokerFailures.isConnectionFailure(e)) {
            failure = e;
        }
        if (failure != null) {
            throw new BrokerConnectionLostException("lost the connection to the broker: "
                    + failure.getMessage(), failure);
        }
    }

    private void rollbackAfter(JMSException e, Lane lane) throws BrokerConnectionLostException {
        log.line("a chunk failed to commit (" + e.getMessage() + "); it returns to the queue");
        try {
            lane.session().rollback();
        } catch (JMSException rollbackFailure) {
            checkConnection(rollbackFailure);
            log.line("rolling back failed too: " + rollbackFailure.getMessage());
        }
    }
}
