package io.mqpool.engine;

import io.mqpool.broker.BrokerCredentials;
import io.mqpool.broker.EmbeddedBroker;
import io.mqpool.config.BrokerSettings;
import io.mqpool.config.SecretFiles;
import java.nio.file.Path;

/**
 * The broker of {@code mqpool broker}: mqpool's broker (queues, retry and dead-letter settings,
 * journal, TLS, {@code broker.auth}) in a process of its own, for servers that connect to it with
 * {@code broker.url}. Its data directory holds the journal ({@code broker/}) and two credential
 * files, readable by their owner only and made on first start when missing: the workers'
 * ({@code worker-credentials.properties}) and the engine's ({@code engine-credentials.properties}).
 */
public final class StandaloneBroker implements AutoCloseable {

    private final EmbeddedBroker broker;
    private final Path dataDir;

    private StandaloneBroker(EmbeddedBroker broker, Path dataDir) {
        this.broker = broker;
        this.dataDir = dataDir;
    }

    /**
     * Starts the broker. Blocks until it accepts connections (about a second). The caller holds
     * the data directory's lock.
     *
     * @throws EngineStartException with one line: a credentials file cannot be made, is readable
     *     by others or malformed, the port is in use, or the broker fails to start
     */
    public static StandaloneBroker start(BrokerSettings settings, Path dataDir) {
        BrokerCredentials workers;
        BrokerCredentials engine;
        try {
            workers = BrokerCredentials.ofDataDir(dataDir);
            engine = BrokerCredentials.engineOfDataDir(dataDir);
        } catch (SecretFiles.SecretFileException e) {
            throw new EngineStartException(e.getMessage(), e);
        }
        try {
            return new StandaloneBroker(EmbeddedBroker.start(settings, dataDir.resolve("broker"), engine, workers),
                    dataDir);
        } catch (RuntimeException e) {
            throw new EngineStartException(e);
        }
    }

    /** The URL servers and workers connect to, {@code tcp://HOST:PORT}, with the port it bound. */
    public String url() {
        return broker.url();
    }

    public Path dataDir() {
        return dataDir.toAbsolutePath();
    }

    /** Stops the broker. Idempotent; blocks up to 10 s. */
    @Override
    public void close() {
        broker.close();
    }
}
