package io.mqpool.engine.collect;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.ChunkResult;
import io.mqpool.broker.DeadLetters;
import io.mqpool.broker.MalformedMessageException;
import io.mqpool.broker.Queues;
import io.mqpool.broker.SessionLoop;
import io.mqpool.broker.WireCodec;
import io.mqpool.engine.dispatch.Dispatcher;
import io.mqpool.engine.events.JobEvents;
import io.mqpool.engine.monitor.EngineMonitor;
import io.mqpool.engine.store.FinishedJob;
import io.mqpool.engine.store.JobStore;
import io.mqpool.engine.store.RecordedBatch;
import io.mqpool.engine.store.RecordedResult;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes chunk outcomes off the result queue and records them in the store, in batches: one
 * H2 transaction, then one broker commit that acknowledges the batch. A message is never
 * acknowledged before its outcomes are durable, and a chunk's first outcome wins, so a
 * redelivered or re-run chunk is recorded exactly once.
 */
public final class ResultCollector extends SessionLoop {

    private static final Logger log = LoggerFactory.getLogger(ResultCollector.class);
    private static final int BATCH = 500;
    private static final long PAUSE_AFTER_FAILURE_MILLIS = 200;
    /** How long a turn waits for a message: short, so that closing never waits long for a turn. */
    private static final long RECEIVE_WAIT_MILLIS = 50;

    private final JobStore store;
    private final Dispatcher dispatcher;
    private final JobEvents events;
    private final EngineMonitor monitor;
    private final WireCodec codec = new WireCodec();
    private MessageConsumer consumer;
    private DeadLetters deadLetters;

    /** @param monitor told of every chunk recorded for the first time (counters, histograms) */
    public ResultCollector(JobStore store, BrokerConnection connection, Dispatcher dispatcher, JobEvents events,
                           EngineMonitor monitor) {
        super(connection, "mqpool-collector", "recording results", Duration.ofMillis(PAUSE_AFTER_FAILURE_MILLIS));
        this.store = store;
        this.dispatcher = dispatcher;
        this.events = events;
        this.monitor = monitor;
    }

    @Override
    protected void open(Session session) throws JMSException {
        consumer = Queues.consumer(session, Queues.RESULTS);
        deadLetters = new DeadLetters(session);
    }

    /** It records the results the drained workers sent until its own turn to close comes. */
    @Override
    public boolean stopsEarly() {
        return false;
    }

    /** Records one batch of waiting results: one H2 transaction, then one broker commit. */
    @Override
    protected void turn() throws JMSException {
        // A message received in a transacted session is acknowledged by that; the commit makes it take effect.
        Message first = consumer.receive(RECEIVE_WAIT_MILLIS);
        if (first == null) {
            return;
        }
        List<RecordedResult> results = new ArrayList<>();
        Message message = first;
        while (message != null) {
            accept(message, results);
            message = results.size() < BATCH ? consumer.receiveNoWait() : null;
        }
        RecordedBatch batch = results.isEmpty() ? null : store.record(results);
        // The outcomes are durable once in H2: waiters need not wait for the broker's commit
        // too. Should that commit fail, the messages come again and are dropped as duplicates.
        if (batch != null) {
            announce(batch);
        }
        session().commit();
    }

    private void accept(Message message, List<RecordedResult> results) throws JMSException {
        try {
            ChunkResult result = codec.decodeResult(message);
            // The outcomes go into the store as the worker encoded them: nothing here reads a value.
            results.add(new RecordedResult(result.jobId(), result.chunkNo(), result.size(), result.workerId(),
                    result.outcomes(), result.startedAtMillis(), result.finishedAtMillis()));
        } catch (MalformedMessageException e) {
            log.warn("moved a malformed message from {} to {}: {}", Queues.RESULTS, Queues.DEAD_LETTER,
                    e.getMessage());
            if (!deadLetters.copy(message, e.getMessage())) {
                log.warn("its body was unreadable too; only its properties are gone with it");
            }
        }
    }

    private void announce(RecordedBatch batch) {
        // Before the dispatcher hears of finished jobs, which drops their send times.
        for (RecordedResult chunk : batch.recorded()) {
            monitor.recorded(chunk, dispatcher.takeTimeSinceSent(chunk.jobId(), chunk.chunkNo()));
        }
        if (batch.duplicates() > 0) {
            log.debug("dropped {} duplicate results", batch.duplicates());
        }
        batch.newChunksPerJob().forEach((jobId, chunks) -> {
            dispatcher.chunksCompleted(jobId, chunks);
            events.changed(jobId);
        });
        for (FinishedJob finished : batch.finished()) {
            dispatcher.remove(finished.jobId());
            events.finished(finished.jobId(), finished.state());
        }
    }
}
