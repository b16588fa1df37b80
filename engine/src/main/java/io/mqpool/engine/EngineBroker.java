package io.mqpool.engine;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.BrokerCredentials;
import io.mqpool.broker.BrokerUrls;
import io.mqpool.broker.EmbeddedBroker;
import io.mqpool.broker.QueueBrowsing;
import io.mqpool.broker.QueuedChunks;
import io.mqpool.broker.RemoteQueuedChunks;
import io.mqpool.config.BrokerSettings;
import io.mqpool.config.OneLine;
import io.mqpool.config.RemoteBroker;
import io.mqpool.config.SecretFiles;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker of one engine and the engine's connection to it: either a broker the engine embeds,
 * started in the background while the store opens, with its journal in the data directory; or
 * a broker in a process of its own ({@code broker.url}: {@code mqpool broker}, or a plain
 * Artemis broker), which the engine connects to at once, so that a broker it cannot use fails
 * the start before anything is stored. Closing it closes the connection, then an embedded broker.
 */
final class EngineBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EngineBroker.class);
    /** The most messages a queue's depth browses on a broker in another process, per scrape. */
    static final int BROWSE_BOUND = 1000;

    private final String workerUrl;
    private final Path workerCredentialsFile;
    /** What starts the embedded broker; null for a remote one. */
    private final Supplier<EmbeddedBroker> embeddedStart;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The engine's credentials at a remote broker; null for an embedded one or none. */
    private final BrokerCredentials remoteCredentials;
    private CompletableFuture<EmbeddedBroker> embedded;
    private BrokerConnection connection;

    private EngineBroker(String workerUrl, Path workerCredentialsFile, Supplier<EmbeddedBroker> embeddedStart,
                         BrokerConnection connection, BrokerCredentials remoteCredentials) {
        this.remoteCredentials = remoteCredentials;
        this.workerUrl = workerUrl;
        this.workerCredentialsFile = workerCredentialsFile;
        this.embeddedStart = embeddedStart;
        this.connection = connection;
    }

    /**
     * An embedded broker, not started yet (see {@link #startInBackground()}), that will keep its
     * journal in {@code <dataDir>/broker}. Does not block beyond making the workers' credentials
     * file on first start.
     *
     * @throws EngineStartException if the workers' credentials file cannot be made or read
     * @throws io.mqpool.broker.BrokerStartException if port 0 was asked and no port is free
     */
    static EngineBroker embedded(BrokerSettings configured, Path dataDir) {
        BrokerSettings settings = EmbeddedBroker.withConcretePort(configured);
        BrokerCredentials workers;
        try {
            workers = BrokerCredentials.ofDataDir(dataDir);
        } catch (SecretFiles.SecretFileException e) {
            throw new EngineStartException(e.getMessage(), e);
        }
        return new EngineBroker(localWorkerUrl(settings),
                settings.needsCredentials() ? dataDir.resolve(BrokerCredentials.FILE_NAME) : null,
                () -> EmbeddedBroker.start(settings, dataDir.resolve("broker"), workers), null, null);
    }

    /**
     * Connects to a broker in another process; the server's own workers will use the same URL
     * and credentials. Blocks until connected, or until the broker refuses (a closed port on
     * this host refuses at once).
     *
     * @throws EngineStartException with one line: the URL is not {@code tcp://HOST:PORT}, the
     *     credentials file is missing or readable by others, the broker cannot be reached, or it
     *     refuses the credentials (or asks for some and none were given)
     */
    static EngineBroker remote(RemoteBroker remote) {
        String url = remote.url();
        String where = BrokerUrls.hostAndPort(url);
        try {
            BrokerUrls.check(url);
        } catch (IllegalArgumentException e) {
            throw new EngineStartException("setting broker.url: " + e.getMessage(), e);
        }
        BrokerCredentials credentials;
        try {
            credentials = remote.credentialsFile().map(BrokerCredentials::read).orElse(null);
        } catch (SecretFiles.SecretFileException e) {
            throw new EngineStartException("the broker " + e.getMessage(), e);
        }
        try {
            BrokerConnection connection = BrokerConnection.connect(url, credentials, -1);
            log.info("using the broker at {}{}", where, credentials == null ? " without credentials"
                    : " as " + credentials.user());
            return new EngineBroker(url, remote.credentialsFile().map(Path::toAbsolutePath).orElse(null), null,
                    connection, credentials);
        } catch (JMSSecurityException e) {
            throw new EngineStartException(credentials == null
                    ? "the broker at " + where + " asks for credentials: give --broker-credentials FILE "
                            + "(the engine-credentials.properties of mqpool broker's data directory)"
                    : "the broker at " + where + " refused the credentials in " + remote.credentialsFile().get(), e);
        } catch (JMSException | RuntimeException e) {
            throw new EngineStartException("cannot reach the broker at " + where + ": " + OneLine.messageOf(e)
                    + " (is it running?)", e);
        }
    }

    /** Starts an embedded broker on a thread of its own; nothing for a remote one. Does not block. */
    synchronized void startInBackground() {
        if (embeddedStart != null && embedded == null) {
            embedded = Background.run("mqpool-broker-start", embeddedStart);
        }
    }

    /** The URL this host's workers reach the broker by. */
    String workerUrl() {
        return workerUrl;
    }

    /** The credentials file this host's workers give the broker, or null when it asks for none. */
    Path workerCredentialsFile() {
        return workerCredentialsFile;
    }

    /**
     * The engine's connection, made once: for an embedded broker, blocks until the broker has
     * started (about a second from {@link #startInBackground()}) and connects in-VM.
     *
     * @throws io.mqpool.broker.BrokerStartException if the embedded broker failed to start
     * @throws JMSException if the connection cannot be made
     */
    synchronized BrokerConnection connection() throws JMSException {
        if (connection == null) {
            EmbeddedBroker broker = Background.join(embedded);
            connection = BrokerConnection.connect(broker.inVmUrl(), broker.engineCredentials(), -1);
        }
        return connection;
    }

    /**
     * Another connection as the engine, with its own consumer window: for browsing, where the
     * engine's own connection (which prefetches without bound) would take a whole queue. The
     * caller closes it. Call after {@link #connection()}; blocks until connected.
     *
     * @throws JMSException if the connection cannot be made
     */
    synchronized BrokerConnection openConnection(int consumerWindowSize) throws JMSException {
        if (embedded != null) {
            EmbeddedBroker broker = Background.join(embedded);
            return BrokerConnection.connect(broker.inVmUrl(), broker.engineCredentials(), consumerWindowSize);
        }
        return BrokerConnection.connect(workerUrl, remoteCredentials, consumerWindowSize);
    }

    /**
     * Tells {@code listener}, with one line naming the broker, once the engine's connection is
     * lost for good. Call after {@link #connection()}.
     */
    synchronized void onLost(Consumer<String> listener) {
        String where = BrokerUrls.hostAndPort(workerUrl);
        connection.onLost(e -> listener.accept("lost the connection to the broker at " + where + ": "
                + OneLine.messageOf(e)));
    }

    /**
     * What ends a job's queued chunks: the embedded broker's own filter, or a drain through the
     * engine's connection. Call after {@link #connection()}.
     */
    synchronized QueuedChunks queuedChunks() {
        return embedded != null ? Background.join(embedded) : new RemoteQueuedChunks(connection);
    }

    /**
     * Messages on {@code queue}: the embedded broker counts them all at no cost; a broker in
     * another process is browsed, which sees only undelivered messages and stops at
     * {@value #BROWSE_BOUND}. Call after {@link #connection()}.
     *
     * @throws IllegalStateException if the broker cannot be asked
     */
    long queueDepth(String queue) {
        CompletableFuture<EmbeddedBroker> local;
        BrokerConnection remote;
        synchronized (this) {
            local = embedded;
            remote = connection;
        }
        return local != null ? Background.join(local).messageCount(queue)
                : new QueueBrowsing(remote, BROWSE_BOUND).waiting(queue);
    }

    /** Whether the engine's connection to the broker is up now; does not block. */
    boolean isConnected() {
        BrokerConnection current;
        synchronized (this) {
            current = connection;
        }
        return current != null && !closed.get() && current.isAlive();
    }

    /**
     * Closes the connection, then an embedded broker (waiting for its start if it is still
     * starting). Idempotent; bounded by the broker's stop (10 s).
     */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (connection != null) {
            connection.close();
        }
        if (embedded != null) {
            Background.join(embedded.thenAccept(EmbeddedBroker::close).exceptionally(ignored -> null));
        }
    }

    /**
     * The URL this host's workers reach an embedded broker by. Over TLS they trust any
     * certificate: they connect to this very host, where nobody can stand between them and the broker.
     */
    private static String localWorkerUrl(BrokerSettings broker) {
        String url = "tcp://" + broker.host() + ":" + broker.port();
        return broker.tls().isPresent() ? url + "?sslEnabled=true&trustAll=true&verifyHost=false" : url;
    }
}
