package io.mqpool.worker;

import io.mqpool.broker.ChunkResult;
import io.mqpool.broker.DeadLetters;
import io.mqpool.broker.MalformedMessageException;
import io.mqpool.broker.Queues;
import io.mqpool.broker.TaskChunk;
import io.mqpool.broker.WireCodec;
import java.util.EnumSet;
import java.util.Set;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.SessionFailureListener;

/**
 * The worker's main loop on one transacted session: take a chunk, run it, send its result,
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
    private static final Set<ActiveMQExceptionType> CONNECTION_FAILURES = EnumSet.of(
            ActiveMQExceptionType.NOT_CONNECTED, ActiveMQExceptionType.DISCONNECTED,
            ActiveMQExceptionType.CONNECTION_TIMEDOUT, ActiveMQExceptionType.OBJECT_CLOSED,
            ActiveMQExceptionType.UNBLOCKED, ActiveMQExceptionType.REMOTE_DISCONNECT);

    private final ClientSession session;
    private final ChunkRunner runner;
    private final WireCodec codec = new WireCodec();
    private final StopSignal stop;
    private final SkippedJobs skipped;
    private final WorkerLog log;
    private final StatusReporter status;
    /** Tasks after which this worker retires; 0 for no limit. */
    private final long maxTasks;
    /** Bytes of quick chunks this worker may hold ahead of the one it runs. */
    private final int prefetchWindowBytes;
    private volatile ActiveMQException connectionFailure;

    /**
     * How the loop takes chunks.
     *
     * @param prefetchWindowBytes bytes of quick chunks the worker may hold ahead of the one it
     *     runs; 0 never holds any
     * @param maxTasks tasks after which the worker retires; 0 for no limit
     */
    record Options(int prefetchWindowBytes, long maxTasks) {
    }

    ChunkLoop(ClientSession session, ChunkRunner runner, StopSignal stop, SkippedJobs skipped,
              WorkerLog log, StatusReporter status, Options options) {
        this.session = session;
        this.runner = runner;
        this.stop = stop;
        this.skipped = skipped;
        this.log = log;
        this.status = status;
        this.maxTasks = options.maxTasks();
        this.prefetchWindowBytes = options.prefetchWindowBytes();
    }

    /**
     * Runs chunks until a stop is requested, then returns after committing the current one.
     * Blocks for as long as the worker runs.
     *
     * @param onReady called once the consumer and producers exist, before the first receive
     * @throws ActiveMQException when the producers cannot be created
     * @throws BrokerConnectionLostException when the connection to the broker fails
     */
    void run(Runnable onReady) throws ActiveMQException, BrokerConnectionLostException {
        try (TaskFeed feed = new TaskFeed(session, prefetchWindowBytes, log);
             ClientProducer results = session.createProducer(Queues.RESULTS)) {
            session.addFailureListener(new FailureFlag(feed));
            DeadLetters deadLetters = new DeadLetters(session);
            stop.onRequest(feed::wake);
            onReady.run();
            while (!stop.isRequested()) {
                checkConnection(null);
                try {
                    ClientMessage message = feed.next();
                    if (message != null) {
                        runGroupLocked(message, feed, results, deadLetters);
                    }
                } catch (ActiveMQException e) {
                    checkConnection(e);
                    feed.lock();
                    try {
                        rollbackAfter(e);
                    } finally {
                        feed.unlock();
                    }
                }
            }
        }
    }

    private void runGroupLocked(ClientMessage first, TaskFeed feed, ClientProducer results,
                                DeadLetters deadLetters) throws ActiveMQException {
        feed.lock();
        try {
            runGroup(first, feed, results, deadLetters);
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
     */
    private void runGroup(ClientMessage first, TaskFeed feed, ClientProducer results,
                          DeadLetters deadLetters) throws ActiveMQException {
        long deadline = System.nanoTime() + GROUP_MAX_NANOS;
        int tasks = 0;
        int chunks = 0;
        ClientMessage message = first;
        while (message != null) {
            Decoded decoded = decode(message);
            TaskChunk chunk = decoded.chunk();
            boolean retried = message.getDeliveryCount() > 1
                    || (chunk != null && chunk.attempt() > 0);
            if (retried && chunks > 0) {
                session.commit();
                status.idle(tasks);
                tasks = 0;
                chunks = 0;
            }
            if (!feed.take(message)) {
                break;
            }
            if (chunk == null) {
                moveToDeadLetters(message, deadLetters, decoded.malformed());
            } else {
                tasks += handle(chunk, message, results, feed, tasks);
            }
            chunks++;
            boolean more = !retried && chunks < GROUP_MAX_CHUNKS && System.nanoTime() < deadline
                    && !stop.isRequested() && !retirementDue(tasks);
            message = more ? feed.nextIfHeld() : null;
        }
        if (chunks > 0) {
            session.commit();
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
    private Decoded decode(ClientMessage message) {
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
    private int handle(TaskChunk chunk, ClientMessage message, ClientProducer results, TaskFeed feed,
                       int uncommitted) throws ActiveMQException {
        if (skipped.contains(chunk.jobId())) {
            // Its job ended while this worker held the chunk: the engine wants no outcome of it.
            return 0;
        }
        // Each attempt is a new message, whose first delivery the broker counts as 1.
        int redeliveries = chunk.attempt() + Math.max(0, message.getDeliveryCount() - 1);
        status.busy(chunk);
        if (retirementDue(uncommitted + chunk.size())) {
            // The supervisor starts this worker's successor now, while this chunk runs.
            status.lastChunk();
        }
        ChunkResult result = feed.run(() -> runner.run(chunk, redeliveries));
        results.send(codec.encode(session, result));
        return chunk.size();
    }

    /** Copies a malformed chunk's message to the dead letters; the chunk is already taken. */
    private void moveToDeadLetters(ClientMessage message, DeadLetters deadLetters,
                                   String reason) throws ActiveMQException {
        log.line(reason + "; moved to " + Queues.DEAD_LETTER);
        if (!deadLetters.copy(message, reason)) {
            log.line("the body of the malformed message is unreadable too; it is dropped");
        }
    }

    private void checkConnection(ActiveMQException e) throws BrokerConnectionLostException {
        ActiveMQException failure = connectionFailure;
        if (failure == null && e != null && CONNECTION_FAILURES.contains(e.getType())) {
            failure = e;
        }
        if (failure != null) {
            throw new BrokerConnectionLostException("lost the connection to the broker: "
                    + failure.getMessage(), failure);
        }
    }

    private void rollbackAfter(ActiveMQException e) throws BrokerConnectionLostException {
        log.line("a chunk failed to commit (" + e.getMessage() + "); it returns to the queue");
        try {
            session.rollback();
        } catch (ActiveMQException rollbackFailure) {
            checkConnection(rollbackFailure);
            log.line("rolling back failed too: " + rollbackFailure.getMessage());
        }
    }

    /** Notes a failed connection and ends a wait for a chunk, so the loop stops at its next turn. */
    private final class FailureFlag implements SessionFailureListener {
        private final TaskFeed feed;

        FailureFlag(TaskFeed feed) {
            this.feed = feed;
        }

        @Override
        public void connectionFailed(ActiveMQException exception, boolean failedOver) {
            if (!failedOver) {
                connectionFailure = exception;
                feed.connectionLost();
            }
        }

        @Override
        public void connectionFailed(ActiveMQException exception, boolean failedOver,
                                     String scaleDownTargetNodeID) {
            connectionFailed(exception, failedOver);
        }

        @Override
        public void beforeReconnect(ActiveMQException exception) {
            // Nothing to do: with reconnection off the next call fails and the loop stops.
        }
    }
}
