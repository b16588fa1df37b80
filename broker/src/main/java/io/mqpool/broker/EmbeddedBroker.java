package io.mqpool.broker;

import io.mqpool.config.BrokerSettings;
import io.mqpool.config.OneLine;
import io.mqpool.config.SecretFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.filter.Filter;
import org.apache.activemq.artemis.core.filter.impl.FilterImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Artemis broker embedded in this JVM: persistent, with mqpool's four queues, a TCP
 * acceptor for worker processes and an in-VM acceptor for the engine.
 *
 * <p>Audit logging cannot be switched off through Artemis' configuration: the
 * {@code org.apache.activemq.audit.*} loggers must be set to WARN in the logging backend of
 * the process that embeds the broker.
 */
public final class EmbeddedBroker implements QueuedChunks, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final long STOP_TIMEOUT_MILLIS = 10_000;
    private static final int FREE_PORT_ATTEMPTS = 3;

    /** The engine's user; its password is made at each start and never written down. */
    static final String ENGINE_USER = "mqpool-engine";

    private final ActiveMQServer server;
    private final String host;
    private final int port;
    private final BrokerCredentials engineCredentials;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedBroker(ActiveMQServer server, String host, int port, BrokerCredentials engineCredentials) {
        this.server = server;
        this.host = host;
        this.port = port;
        this.engineCredentials = engineCredentials;
    }

    /**
     * The same settings with port 0 replaced by a port that is free now, so that clients can be
     * told the broker's address before it has started.
     *
     * @throws BrokerStartException if no free port can be found
     */
    public static BrokerSettings withConcretePort(BrokerSettings settings) {
        if (settings.port() != 0) {
            return settings;
        }
        try {
            return settings.withPort(FreePorts.pick(settings.host()));
        } catch (IOException e) {
            throw new BrokerStartException("cannot start the broker: no free port on "
                    + settings.host() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts a broker with no credentials beyond the settings' (a test's broker on loopback).
     *
     * @see #start(BrokerSettings, Path, BrokerCredentials)
     */
    public static EmbeddedBroker start(BrokerSettings settings, Path brokerDir) {
        return start(settings, brokerDir, new BrokerCredentials(BrokerCredentials.WORKER_USER,
                SecretFiles.randomSecret()));
    }

    /**
     * Starts a broker keeping its journal under {@code brokerDir}. Blocks until the broker
     * accepts connections (about a second).
     *
     * @param settings the host, port (0 picks a free one), journal settings, and whether
     *     clients must give credentials
     * @param workers the workers' credentials, asked for when the settings say so
     * @throws BrokerStartException when the port is in use or the broker fails to start
     */
    public static EmbeddedBroker start(BrokerSettings settings, Path brokerDir, BrokerCredentials workers) {
        return start(settings, brokerDir, new BrokerCredentials(ENGINE_USER, SecretFiles.randomSecret()), workers);
    }

    /**
     * As {@link #start(BrokerSettings, Path, BrokerCredentials)}, with the engine's credentials
     * given rather than made: for a broker in a process of its own ({@code mqpool broker}),
     * whose engine connects over TCP.
     *
     * @param engine the user with every right; must differ from the workers' user
     * @throws BrokerStartException when the port is in use or the broker fails to start
     */
    public static EmbeddedBroker start(BrokerSettings settings, Path brokerDir, BrokerCredentials engine,
                                       BrokerCredentials workers) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(brokerDir, "brokerDir");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(workers, "workers");
        if (settings.port() != 0) {
            return startOn(settings, settings.port(), brokerDir, engine, workers);
        }
        // Another process may take the picked port before the acceptor binds it: pick again.
        BrokerStartException last = null;
        for (int attempt = 0; attempt < FREE_PORT_ATTEMPTS; attempt++) {
            try {
                return startOn(settings, FreePorts.pick(settings.host()), brokerDir, engine, workers);
            } catch (PortInUseException e) {
                last = e;
            } catch (IOException e) {
                throw new BrokerStartException("cannot start the broker: no free port on "
                        + settings.host() + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private static EmbeddedBroker startOn(BrokerSettings settings, int port, Path brokerDir,
                                          BrokerCredentials engine, BrokerCredentials workers) {
        String host = settings.host();
        if (!FreePorts.isFree(host, port)) {
            throw new PortInUseException(host, port);
        }
        NettyNotifierThread.makeDaemon();
        ActiveMQServer server;
        try {
            // The boolean is "enable persistence", which overrides the configuration's flag.
            server = ActiveMQServers.newActiveMQServer(BrokerConfiguration.of(settings, port, brokerDir),
                    ManagementFactory.getPlatformMBeanServer(), new BrokerSecurity(engine, workers), true);
            server.start();
            if (!server.waitForActivation(30, TimeUnit.SECONDS)) {
                stopQuietly(server);
                throw new BrokerStartException("cannot start the broker on " + host + ":" + port
                        + ": it did not become active within 30 s");
            }
        } catch (BrokerStartException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("cannot start the broker: interrupted while starting", e);
        } catch (Exception e) {
            throw new BrokerStartException("cannot start the broker on " + host + ":" + port + ": "
                    + OneLine.messageOf(e), e);
        }
        // Artemis logs a failed acceptor bind and carries on without it: check it really runs.
        Acceptor tcp = server.getRemotingService().getAcceptor(BrokerConfiguration.TCP_ACCEPTOR);
        if (tcp == null || !tcp.isStarted()) {
            stopQuietly(server);
            throw new PortInUseException(host, port);
        }
        LOG.debug("broker started on {}:{}", host, port);
        InVmThreads.brokerStarted();
        return new EmbeddedBroker(server, host, port, engine);
    }

    /**
     * Messages on {@code queue}, delivered to a consumer or not; 0 for a queue that does not
     * exist. Jakarta Messaging can only browse the undelivered ones.
     */
    public long messageCount(String queue) {
        Queue found = server.locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getMessageCount();
    }

    /**
     * Removes a job's chunks that wait in the task queue with a filter on the broker's side;
     * chunks a worker already holds are not touched. Blocks while the queue is scanned.
     *
     * @return how many chunks were removed
     * @throws IllegalStateException if the queue cannot be filtered
     */
    @Override
    public int removeQueuedChunks(String jobId) {
        Queue queue = server.locateQueue(SimpleString.of(Queues.TASKS));
        if (queue == null) {
            return 0;
        }
        try {
            Filter filter = FilterImpl.createFilter(WireCodec.JOB + " = '" + jobId.replace("'", "''") + "'");
            return queue.deleteMatchingReferences(filter);
        } catch (Exception e) {
            throw new IllegalStateException("cannot remove the queued chunks of job " + jobId + ": "
                    + OneLine.messageOf(e), e);
        }
    }

    /** The TCP port worker processes connect to. */
    public int port() {
        return port;
    }

    /** The URL for clients in other processes, {@code tcp://host:port}. */
    public String url() {
        return "tcp://" + host + ":" + port;
    }

    /** The credentials of the engine's own connections, which have every right. */
    public BrokerCredentials engineCredentials() {
        return engineCredentials;
    }

    /** The URL for clients in this JVM, {@code vm://<port>}: no sockets, no copying. */
    public String inVmUrl() {
        return "vm://" + port;
    }

    /**
     * Stops the broker. Blocks up to 10 s; if the broker has not stopped by then it is left
     * to stop in the background and a warning is logged. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Thread stopper = new Thread(() -> {
            stopQuietly(server);
            InVmThreads.brokerStopped();
        }, "mqpool-broker-stop-" + port);
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(STOP_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            LOG.warn("broker on port {} did not stop within {} ms; still waiting for it in the "
                    + "background", port, STOP_TIMEOUT_MILLIS);
        }
    }

    private static void stopQuietly(ActiveMQServer server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the broker failed: {}", OneLine.messageOf(e), e);
        }
    }

    /** The chosen port is taken. */
    private static final class PortInUseException extends BrokerStartException {
        PortInUseException(String host, int port) {
            super("cannot start the broker: port " + port + " on " + host + " is already in use "
                    + "(choose another with --broker-port or MQPOOL_BROKER_PORT)");
        }
    }
}
