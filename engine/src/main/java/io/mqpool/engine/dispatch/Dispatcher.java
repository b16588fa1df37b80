package io.mqpool.engine.dispatch;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.BrokerFailures;
import io.mqpool.broker.Queues;
import io.mqpool.broker.SessionLoop;
import io.mqpool.broker.TaskChunk;
import io.mqpool.broker.WireCodec;
import io.mqpool.engine.store.JobStore;
import io.mqpool.engine.store.StoredChunk;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the chunks of every running job to the task queue, keeping at most a bounded number
 * of each job's chunks in flight (sent, no outcome yet) so that a long input is read lazily,
 * and giving each chunk a priority by its job's chunks in flight ({@link ChunkPriority}) so
 * that running jobs share the workers and a small job does not wait for others' backlogs.
 * Chunks go out in broker transactions of up to {@link #BATCH}, which costs one journal sync
 * per batch instead of one per chunk.
 */
public final class Dispatcher extends SessionLoop {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    static final int BATCH = 100;
    private static final long IDLE_WAIT_MILLIS = 200;

    private final JobStore store;
    private final WireCodec codec = new WireCodec();
    private final int maxInFlight;
    private final Map<String, ActiveJob> jobs = new ConcurrentHashMap<>();
    private final Object wake = new Object();
    private boolean woken;
    private MessageProducer producer;

    /** @param maxInFlight chunks of one job that may be sent and not yet answered */
    public Dispatcher(JobStore store, BrokerConnection connection, int maxInFlight) {
        super(connection, "mqpool-dispatcher", "dispatching chunks", Duration.ofMillis(IDLE_WAIT_MILLIS));
        this.store = store;
        this.maxInFlight = maxInFlight;
    }

    @Override
    protected void open(Session session) throws JMSException {
        producer = Queues.producer(session, Queues.TASKS);
    }

    /** Sends what every job has room for, or waits a little for room or new jobs. */
    @Override
    protected void turn() throws JMSException, InterruptedException {
        if (!dispatchOnce()) {
            awaitWork();
        }
    }

    /**
     * Starts sending a job's chunks.
     *
     * @param chunksSent chunks of this job already sent before (after a restart)
     * @param chunksDone chunks of this job that already have outcomes
     */
    public void add(DispatchedJob job, ChunkSource source, int chunksSent, int chunksDone) {
        ActiveJob active = new ActiveJob(job, source, chunksSent);
        active.completed(chunksDone);
        active.taken(chunksDone);
        jobs.put(job.jobId(), active);
        wakeUp();
    }

    /**
     * Counts chunks whose results the caller has taken, making room for more of a job that is
     * limited by its consumer ({@link DispatchedJob#limitByConsumer()}).
     */
    public void chunksTaken(String jobId, int count) {
        ActiveJob job = jobs.get(jobId);
        if (job != null) {
            job.taken(count);
            wakeUp();
        }
    }

    /**
     * Lifts every job's own limit: the pool is closing and waits for what was submitted, and a
     * caller who stopped taking results would otherwise hold it up forever.
     */
    public void liftLimits() {
        jobs.values().forEach(ActiveJob::liftLimit);
        wakeUp();
    }

    /** Counts chunks that got their outcomes, making room for more of that job. */
    public void chunksCompleted(String jobId, int count) {
        ActiveJob job = jobs.get(jobId);
        if (job != null) {
            job.completed(count);
            wakeUp();
        }
    }

    /**
     * Nanoseconds since this dispatcher sent chunk {@code chunkNo} of job {@code jobId}, and
     * forgets the send; -1 if it did not send it (sent before a restart, or the job is gone).
     * Call once the chunk's outcomes are recorded. Does not block.
     */
    public long takeTimeSinceSent(String jobId, int chunkNo) {
        ActiveJob job = jobs.get(jobId);
        Long sentAt = job == null ? null : job.takeSentAt(chunkNo);
        return sentAt == null ? -1 : System.nanoTime() - sentAt;
    }

    /** Stops sending a job's chunks (it finished or was cancelled). */
    public void remove(String jobId) {
        jobs.remove(jobId);
    }

    /** Sends one batch of every job that has room; returns whether anything was sent. */
    private boolean dispatchOnce() throws JMSException {
        boolean sent = false;
        for (ActiveJob job : jobs.values()) {
            int room = Math.min(BATCH, job.room(maxInFlight));
            if (room <= 0 || job.exhausted() || stopping()) {
                continue;
            }
            List<StoredChunk> chunks = job.source().next(room);
            if (chunks.isEmpty()) {
                job.markExhausted();
                continue;
            }
            send(job, chunks);
            job.sentAt(chunks.stream().map(StoredChunk::chunkNo).toList(), System.nanoTime());
            int lastSent = chunks.get(chunks.size() - 1).chunkNo() + 1;
            job.sent(chunks.size());
            // Only a hint for recovery: duplicate detection drops a chunk that is sent again.
            store.recordSent(job.id(), lastSent);
            sent = true;
        }
        return sent;
    }

    /** Sends chunks in one transaction: one journal sync for the lot. */
    private void send(ActiveJob job, List<StoredChunk> chunks) throws JMSException {
        for (int i = 0; i < chunks.size(); i++) {
            producer.send(codec.encode(session(), message(job, chunks.get(i))), DeliveryMode.PERSISTENT,
                    job.priorityOfNext(i), Message.DEFAULT_TIME_TO_LIVE);
        }
        try {
            session().commit();
        } catch (JMSException e) {
            if (!BrokerFailures.isDuplicateRejected(e)) {
                throw e;
            }
            // A chunk sent just before a crash is still in the broker's duplicate-id cache, and
            // one duplicate rolls its whole transaction back: send them one by one instead,
            // letting the broker drop the ones it already has.
            log.info("job {}: some of chunks {}..{} were already sent; sending them one by one", job.id(),
                    chunks.get(0).chunkNo(), chunks.get(chunks.size() - 1).chunkNo());
            sendOneByOne(job, chunks);
        }
    }

    private void sendOneByOne(ActiveJob job, List<StoredChunk> chunks) throws JMSException {
        for (int i = 0; i < chunks.size(); i++) {
            StoredChunk chunk = chunks.get(i);
            producer.send(codec.encode(session(), message(job, chunk)), DeliveryMode.PERSISTENT,
                    job.priorityOfNext(i), Message.DEFAULT_TIME_TO_LIVE);
            try {
                session().commit();
            } catch (JMSException e) {
                if (!BrokerFailures.isDuplicateRejected(e)) {
                    throw e;
                }
                log.debug("job {}: chunk {} was already sent", job.id(), chunk.chunkNo());
            }
        }
    }

    private static TaskChunk message(ActiveJob job, StoredChunk chunk) {
        return new TaskChunk(job.id(), chunk.chunkNo(), chunk.firstIndex(), chunk.size(), job.taskName(),
                chunk.argsJson(), job.taskTimeoutMillis());
    }

    private void awaitWork() throws InterruptedException {
        synchronized (wake) {
            if (!woken) {
                wake.wait(IDLE_WAIT_MILLIS);
            }
            woken = false;
        }
    }

    @Override
    protected void wake() {
        wakeUp();
    }

    private void wakeUp() {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }
}
