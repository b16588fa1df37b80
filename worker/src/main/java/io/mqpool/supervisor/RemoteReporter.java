package io.mqpool.supervisor;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.BrokerCredentials;
import io.mqpool.broker.Queues;
import io.mqpool.broker.SupervisorMessages;
import io.mqpool.broker.SupervisorReport;
import io.mqpool.config.OneLine;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How a supervisor on another host keeps the engine informed: every {@link #REPORT_EVERY} a
 * report of its workers, and at once each death of a worker that was running a chunk, so the
 * engine counts it against that task as it counts a local one. It also takes the engine's
 * command to drain. Runs on thread {@code mqpool-remote-reporter}; when the broker cannot be
 * reached it tries again with a growing pause (up to 10 s), says so at most every 30 s, and keeps
 * the deaths it could not send until it can.
 */
public final class RemoteReporter implements AutoCloseable {

    static final Duration REPORT_EVERY = Duration.ofSeconds(2);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);
    private static final Duration SAY_AGAIN_AFTER = Duration.ofSeconds(30);
    /** Deaths kept while the broker is away; beyond, the oldest go (their chunks still come back). */
    private static final int KEPT_DEATHS = 10_000;

    private final String brokerUrl;
    private final BrokerCredentials credentials;
    private final String hostId;
    private final String host;
    private final Supervisor supervisor;
    private final Runnable onDrain;
    private final Consumer<String> say;
    private final SupervisorMessages messages = new SupervisorMessages();
    private final BlockingDeque<SupervisorReport.Death> unsent = new LinkedBlockingDeque<>(KEPT_DEATHS);
    private final Map<String, Long> lastPids = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean draining;

    /**
     * @param credentials the workers' broker credentials, or null for a broker that asks none
     * @param onDrain what to do when the engine says drain; called on a thread of Artemis', so
     *     it must not block (the reports go on while the workers drain)
     * @param say where a line for the person watching goes, such as a lost broker
     */
    public RemoteReporter(String brokerUrl, BrokerCredentials credentials, String hostId, String host,
                          Supervisor supervisor, Runnable onDrain, Consumer<String> say) {
        this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
        this.credentials = credentials;
        this.hostId = Objects.requireNonNull(hostId, "hostId");
        this.host = Objects.requireNonNull(host, "host");
        this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
        this.onDrain = Objects.requireNonNull(onDrain, "onDrain");
        this.say = Objects.requireNonNull(say, "say");
        // Told of an exit before the death it may be is recorded: the pid is known by then.
        supervisor.onWorkerExit((workerId, pid) -> lastPids.put(workerId, pid));
        supervisor.onChunkDeath(this::died);
        thread = new Thread(this::run, "mqpool-remote-reporter");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** From now on the reports say this host drains. */
    public void draining() {
        draining = true;
    }

    private void died(ChunkDeath death) {
        SupervisorReport.Death reported = new SupervisorReport.Death(hostId, death.jobId(), death.chunkNo(),
                death.workerId(), lastPids.getOrDefault(death.workerId(), 0L), death.taskIndex(), death.timedOut(),
                death.taskTimeoutMillis(), death.exit());
        while (!unsent.offerLast(reported)) {
            unsent.pollFirst();
        }
    }

    private void run() {
        long pauseMillis = 500;
        long lastSaidAt = 0;
        while (!stopping) {
            try (BrokerConnection connection = BrokerConnection.connect(brokerUrl, credentials, 0)) {
                if (lastSaidAt != 0) {
                    say.accept("reaching the broker at " + brokerUrl + " again");
                    lastSaidAt = 0;
                }
                pauseMillis = 500;
                report(connection);
            } catch (JMSSecurityException e) {
                // Its workers are refused too, and their supervisor gives up on them in turn.
                say.accept("the broker at " + brokerUrl + " refused this host's credentials; no more reports");
                return;
            } catch (JMSException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                long now = System.nanoTime();
                if (lastSaidAt == 0 || now - lastSaidAt >= SAY_AGAIN_AFTER.toNanos()) {
                    say.accept("cannot reach the broker at " + brokerUrl + " (" + OneLine.messageOf(e)
                            + "); trying again every " + Math.min(pauseMillis * 2, MAX_PAUSE.toMillis()) / 1000.0 + " s");
                    lastSaidAt = now;
                }
                pause(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE.toMillis());
            }
        }
    }

    /** Reports until the connection fails or the reporter stops. */
    private void report(BrokerConnection connection) throws JMSException {
        Session session = connection.openSession();
        MessageProducer reports = Queues.producer(session, Queues.SUPERVISORS);
        // Commands come to a listener on a session of their own, so this thread can wait for
        // deaths instead: the engine must hear of one before the dead worker's chunk is back.
        Session commandSession = connection.openSession();
        TemporaryQueue commandQueue = commandSession.createTemporaryQueue();
        commandSession.createConsumer(commandQueue).setMessageListener(this::command);
        long nextReport = System.nanoTime();
        while (!stopping) {
            if (System.nanoTime() - nextReport >= 0) {
                Message report = messages.report(session, report());
                report.setJMSReplyTo(commandQueue);
                // Not persistent, and gone after a minute: the next report replaces it.
                reports.send(report, DeliveryMode.NON_PERSISTENT, Message.DEFAULT_PRIORITY, 60_000);
                nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
            }
            SupervisorReport.Death death = next(nextReport);
            if (death != null) {
                try {
                    // Persistent: a death counts against its task's retries and must not vanish.
                    reports.send(messages.death(session, death), DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, 0);
                } catch (JMSException | RuntimeException e) {
                    unsent.offerFirst(death);
                    throw e;
                }
            }
        }
    }

    /** The next death to send, waiting for one until the next report is due; null if none came. */
    private SupervisorReport.Death next(long nextReportNanos) {
        try {
            return unsent.pollFirst(Math.max(0, nextReportNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return null;
        }
    }

    /** The engine's command, on Artemis' thread. */
    private void command(Message message) {
        try {
            if (message instanceof TextMessage text && SupervisorMessages.DRAIN.equals(text.getText())) {
                say.accept("the server says drain: the workers finish their chunks, then this host stops");
                draining = true;
                onDrain.run();
            }
        } catch (JMSException e) {
            say.accept("dropped an unreadable command from the server: " + OneLine.messageOf(e));
        }
    }

    private SupervisorReport report() {
        List<SupervisorReport.Worker> workers = supervisor.workers().stream().map(w -> {
            CurrentChunk current = w.current();
            return new SupervisorReport.Worker(w.id(), w.pid(), w.activity(),
                    w.startedAt() == null ? 0 : w.startedAt().toEpochMilli(), w.restarts(),
                    current == null ? null : current.jobId(), current == null ? null : current.chunkNo(),
                    current == null ? null : current.firstIndex(), current == null ? null : current.size(),
                    w.tasksDone());
        }).toList();
        return new SupervisorReport(hostId, host, ProcessHandle.current().pid(), draining, workers);
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** Sends what deaths are left (within 2 s), then stops the thread. Idempotent. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!unsent.isEmpty() && thread.isAlive() && System.nanoTime() < deadline) {
            pause(20);
        }
        stopping = true;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
