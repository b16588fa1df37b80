package io.mqpool.engine.retry;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.ChunkResult;
import io.mqpool.broker.DeadLetters;
import io.mqpool.broker.MalformedMessageException;
import io.mqpool.broker.Queues;
import io.mqpool.broker.SessionLoop;
import io.mqpool.broker.TaskChunk;
import io.mqpool.broker.WireCodec;
import io.mqpool.engine.store.JobRow;
import io.mqpool.engine.store.JobStore;
import io.mqpool.engine.store.TaskAttempts;
import io.mqpool.outcome.MalformedOutcomesException;
import io.mqpool.outcome.OutcomeCodec;
import io.mqpool.outcome.TaskOutcome;
import io.mqpool.outcome.TaskOutcome.Failure;
import io.mqpool.supervisor.ChunkDeath;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends again the chunks whose worker went down. The broker never redelivers a chunk itself:
 * a failed delivery lands on {@link Queues#RETRY}. For each, this asks the supervisor which
 * task was running and how the worker ended, counts that death against the task in the store,
 * and sends the chunk's next attempt, with the tasks that are out of retries settled (the
 * worker answers them with the error instead of running them). A task that ran past its task
 * timeout is settled at once with a {@code TaskTimeoutException}, unless its job retries
 * timeouts. A chunk whose every task is settled is answered here, straight onto the results
 * queue, without waiting for a worker. Receiving the old message and sending the new one are
 * one broker transaction.
 */
public final class RetryHandler extends SessionLoop {

    private static final Logger log = LoggerFactory.getLogger(RetryHandler.class);
    /** Time for the supervisor to notice the death that sent the chunk here. */
    private static final long GATHER_MILLIS = 500;
    private static final long PAUSE_AFTER_FAILURE_MILLIS = 200;
    /** How long a turn waits for a message: short, so that closing never waits long for a turn. */
    private static final long RECEIVE_WAIT_MILLIS = 50;
    /** Re-sends without a death seen here (remote workers) before the tasks are given up. */
    static final int MAX_UNEXPLAINED_ATTEMPTS = 20;
    /** The worker id recorded for outcomes settled here rather than by a worker. */
    static final String ANSWERED_BY = "retry-handler";

    private final JobStore store;
    private final WorkerDeaths deaths;
    private final WireCodec codec = new WireCodec();
    private final OutcomeCodec outcomes = new OutcomeCodec();
    /** Deaths already counted: the supervisor keeps a chunk's latest death until the next one. */
    private final Map<ChunkDeath, Boolean> counted = new IdentityHashMap<>();
    private MessageConsumer consumer;
    private MessageProducer tasks;
    private MessageProducer results;
    private DeadLetters deadLetters;

    public RetryHandler(JobStore store, BrokerConnection connection, WorkerDeaths deaths) {
        super(connection, "mqpool-retries", "sending chunks again", Duration.ofMillis(PAUSE_AFTER_FAILURE_MILLIS));
        this.store = store;
        this.deaths = deaths;
    }

    @Override
    protected void open(Session session) throws JMSException {
        consumer = Queues.consumer(session, Queues.RETRY);
        tasks = Queues.producer(session, Queues.TASKS);
        results = Queues.producer(session, Queues.RESULTS);
        deadLetters = new DeadLetters(session);
    }

    /** Handles the chunks that came back within a short window, in one transaction. */
    @Override
    protected void turn() throws JMSException {
        Message first = consumer.receive(RECEIVE_WAIT_MILLIS);
        if (first == null) {
            return;
        }
        List<Message> batch = new ArrayList<>(List.of(first));
        long deadline = System.nanoTime() + GATHER_MILLIS * 1_000_000;
        long left;
        while (!stopping() && (left = (deadline - System.nanoTime()) / 1_000_000) > 0) {
            Message next = consumer.receive(left);
            if (next != null) {
                batch.add(next);
            }
        }
        // Each was acknowledged by its receipt, in this transaction.
        for (Message message : batch) {
            handle(message);
        }
        session().commit();
    }

    private void handle(Message message) throws JMSException {
        TaskChunk chunk;
        try {
            chunk = codec.decodeChunk(message);
        } catch (MalformedMessageException e) {
            log.warn("moved a malformed message from {} to {}: {}", Queues.RETRY, Queues.DEAD_LETTER, e.getMessage());
            if (!deadLetters.copy(message, e.getMessage())) {
                log.warn("its body was unreadable too; only its properties are gone with it");
            }
            return;
        }
        Optional<JobRow> job = store.job(chunk.jobId());
        if (job.isEmpty() || job.get().state().isFinished()) {
            log.debug("dropped chunk {}:{} of a finished job", chunk.jobId(), chunk.chunkNo());
            return;
        }
        SortedMap<Long, Failure> settled = settled(chunk);
        Optional<ChunkDeath> death = deaths.deathOf(chunk.jobId(), chunk.chunkNo())
                .filter(d -> counted.put(d, Boolean.TRUE) == null);
        if (death.isPresent()) {
            countDeath(job.get(), death.get(), settled);
        } else if (chunk.attempt() + 1 >= MAX_UNEXPLAINED_ATTEMPTS) {
            settleAll(chunk, settled, SettledErrors.undeliverable(chunk.attempt() + 1));
        }
        if (settled.size() >= chunk.size() && allSettled(chunk, settled)) {
            results.send(codec.encode(session(), answered(chunk, settled)));
        } else {
            tasks.send(codec.encode(session(), chunk.nextAttempt(outcomes.encodeSettled(settled))));
        }
    }

    private static boolean allSettled(TaskChunk chunk, SortedMap<Long, Failure> settled) {
        for (long index = chunk.firstIndex(); index < chunk.firstIndex() + chunk.size(); index++) {
            if (!settled.containsKey(index)) {
                return false;
            }
        }
        return true;
    }

    /** The result of a chunk whose every task is settled: their errors, in index order. */
    private ChunkResult answered(TaskChunk chunk, SortedMap<Long, Failure> settled) {
        List<TaskOutcome> errors = new ArrayList<>(chunk.size());
        for (long index = chunk.firstIndex(); index < chunk.firstIndex() + chunk.size(); index++) {
            errors.add(settled.get(index));
        }
        return new ChunkResult(chunk.jobId(), chunk.chunkNo(), chunk.firstIndex(), chunk.size(), ANSWERED_BY,
                outcomes.encode(errors));
    }

    private void countDeath(JobRow job, ChunkDeath death, SortedMap<Long, Failure> settled) {
        TaskAttempts attempts = store.recordDeath(job.id(), death.taskIndex(), death.timedOut(), death.exit());
        boolean retried = !death.timedOut() || job.retryTimeouts();
        log.info("job {} task {}: worker {} {} ({})", job.id(), death.taskIndex(), death.workerId(),
                death.timedOut() ? "was stopped after the task timeout" : "died: " + death.exit(),
                retried ? Math.min(attempts.deaths(), job.retries()) + " of " + job.retries() + " retries used"
                        : "the job does not retry timeouts: the task fails");
        if (!retried || attempts.deaths() > job.retries()) {
            settled.put(death.taskIndex(), death.timedOut()
                    ? SettledErrors.timedOut(attempts.timeouts(), death.taskTimeoutMillis(), death.exit())
                    : SettledErrors.workerDied(attempts.deaths(), death.exit()));
        }
    }

    private static void settleAll(TaskChunk chunk, SortedMap<Long, Failure> settled, Failure error) {
        for (long index = chunk.firstIndex(); index < chunk.firstIndex() + chunk.size(); index++) {
            settled.putIfAbsent(index, error);
        }
    }

    private SortedMap<Long, Failure> settled(TaskChunk chunk) {
        try {
            return outcomes.decodeSettled(chunk.settledJson());
        } catch (MalformedOutcomesException e) {
            log.warn("chunk {}:{} carried unreadable settled tasks; starting afresh: they {}", chunk.jobId(),
                    chunk.chunkNo(), e.getMessage());
            return new TreeMap<>();
        }
    }
}
