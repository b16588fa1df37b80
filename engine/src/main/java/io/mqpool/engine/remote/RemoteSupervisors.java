package io.mqpool.engine.remote;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.MalformedMessageException;
import io.mqpool.broker.Queues;
import io.mqpool.broker.SessionLoop;
import io.mqpool.broker.SupervisorMessages;
import io.mqpool.broker.SupervisorReport;
import io.mqpool.supervisor.ChunkDeath;
import io.mqpool.supervisor.ChunkDeaths;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisors on other hosts, as they report themselves on {@link Queues#SUPERVISORS}: their
 * workers for the API, and the deaths of workers that were running a chunk, which the retry
 * handler counts against the task exactly as a local death. A host not heard from for
 * {@link #LOST_AFTER} is shown as lost: the broker sends its chunks again once their
 * connections time out. Thread {@code mqpool-remote-supervisors}.
 */
public final class RemoteSupervisors extends SessionLoop {

    private static final Logger log = LoggerFactory.getLogger(RemoteSupervisors.class);
    /** Five missed reports. */
    public static final Duration LOST_AFTER = Duration.ofSeconds(10);
    private static final long RECEIVE_WAIT_MILLIS = 100;
    private static final int KEPT_DEATHS = 10_000;

    private final BrokerConnection connection;
    private final Clock clock;
    private final BiConsumer<String, Long> workerDied;
    private final SupervisorMessages messages = new SupervisorMessages();
    private final ChunkDeaths deaths = new ChunkDeaths(KEPT_DEATHS);
    private final Map<String, Heard> hosts = new ConcurrentHashMap<>();
    private MessageConsumer consumer;
    /** Commands go on a session of their own: they are sent from the API's threads. */
    private Session commandSession;
    private MessageProducer commands;

    /** The latest report of one host, when it came, and where it takes commands. */
    private record Heard(SupervisorReport report, Instant at, Destination commands) {
    }

    /**
     * @param workerDied told of each remote worker that died running a chunk (id, pid), as the
     *     local supervisor tells of its own: the shared state frees what it held
     */
    public RemoteSupervisors(BrokerConnection connection, Clock clock, BiConsumer<String, Long> workerDied) {
        super(connection, "mqpool-remote-supervisors", "reading the reports of remote supervisors",
                Duration.ofMillis(200));
        this.connection = connection;
        this.clock = clock;
        this.workerDied = workerDied;
    }

    @Override
    protected void open(Session session) throws JMSException {
        consumer = Queues.consumer(session, Queues.SUPERVISORS);
        commandSession = connection.openSession();
        commands = commandSession.createProducer(null);
        commands.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
    }

    @Override
    protected void turn() throws JMSException {
        Message message = consumer.receive(RECEIVE_WAIT_MILLIS);
        for (; message != null; message = consumer.receiveNoWait()) {
            take(message);
        }
        session().commit();
    }

    private void take(Message message) throws JMSException {
        try {
            SupervisorReport report = messages.reportOf(message);
            if (report != null) {
                Heard before = hosts.put(report.hostId(), new Heard(report, clock.instant(), message.getJMSReplyTo()));
                if (before == null) {
                    log.info("supervisor {} on {} reports {} workers", report.hostId(), report.host(),
                            report.workers().size());
                } else if (lost(before)) {
                    log.info("supervisor {} on {} reports again", report.hostId(), report.host());
                }
                return;
            }
            SupervisorReport.Death death = messages.deathOf(message);
            if (death != null) {
                deaths.record(new ChunkDeath(death.jobId(), death.chunkNo(), death.workerId(), death.taskIndex(),
                        death.timedOut(), death.taskTimeoutMillis(), death.exit()));
                workerDied.accept(death.workerId(), death.pid());
                return;
            }
            log.warn("dropped a message on {} that is neither a report nor a death", Queues.SUPERVISORS);
        } catch (MalformedMessageException e) {
            log.warn("dropped a malformed message on {}: {}", Queues.SUPERVISORS, e.getMessage());
        }
    }

    /** The latest death of a remote worker while it ran this chunk. Does not block. */
    public Optional<ChunkDeath> deathOf(String jobId, int chunkNo) {
        return deaths.of(jobId, chunkNo);
    }

    /** Every host heard from since the engine started, by id. */
    public List<RemoteHost> hosts() {
        List<RemoteHost> all = new ArrayList<>();
        for (Heard heard : hosts.values()) {
            boolean lost = lost(heard);
            SupervisorReport report = heard.report();
            List<RemoteHost.Worker> workers = report.workers().stream().map(w -> new RemoteHost.Worker(w.id(),
                    w.pid(), lost ? "lost" : w.state(), Instant.ofEpochMilli(w.startedAtMillis()), w.restarts(),
                    w.jobId(), w.chunkNo(), w.firstIndex(), w.size(), w.tasksDone())).toList();
            all.add(new RemoteHost(report.hostId(), report.host(), report.pid(), report.draining(), heard.at(), lost,
                    workers));
        }
        all.sort(Comparator.comparing(RemoteHost::hostId));
        return all;
    }

    /**
     * Tells a host to drain: its workers finish their chunks, then it exits.
     *
     * @return false if no host of that id was heard from, or it is lost
     */
    public boolean drain(String hostId) throws JMSException {
        Heard heard = hosts.get(hostId);
        if (heard == null || heard.commands() == null || lost(heard)) {
            return false;
        }
        synchronized (commands) {
            commands.send(heard.commands(), commandSession.createTextMessage(SupervisorMessages.DRAIN));
        }
        return true;
    }

    /** Stops the loop, then the commands' session. */
    @Override
    public void close() {
        super.close();
        if (commandSession != null) {
            try {
                commandSession.close();
            } catch (JMSException e) {
                log.warn("closing the remote supervisors' command session failed: {}", e.toString());
            }
        }
    }

    private boolean lost(Heard heard) {
        return Duration.between(heard.at(), clock.instant()).compareTo(LOST_AFTER) > 0;
    }
}
