package io.mqpool.server;

import io.mqpool.config.OneLine;
import io.mqpool.config.Settings;
import io.mqpool.engine.DataDirLock;
import io.mqpool.engine.StandaloneBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code mqpool broker}: the data-directory lock ({@code broker.lock}),
 * then the broker, closed in reverse. Like {@link Server} it holds no static logger: logging
 * must not start before the lock is taken and the caller has pointed the log at the data directory.
 */
public final class BrokerServer implements AutoCloseable {

    private final DataDirLock lock;
    private final StandaloneBroker broker;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    private BrokerServer(DataDirLock lock, StandaloneBroker broker) {
        this.lock = lock;
        this.broker = broker;
    }

    /**
     * Starts the broker. Blocks until it accepts connections (about a second).
     *
     * @param onLocked runs once the data directory is locked and before anything logs
     * @throws ServerStartException with a one-line reason (another broker holds the data
     *     directory, a port is taken, a credentials file is readable by others); whatever had
     *     started is stopped
     */
    public static BrokerServer start(Settings settings, Runnable onLocked) {
        DataDirLock lock;
        try {
            lock = DataDirLock.acquire(settings.dataDir(), "broker.lock", "mqpool broker",
                    ProcessHandle.current().pid());
        } catch (IllegalStateException e) {
            throw new ServerStartException(e.getMessage(), e);
        }
        try {
            onLocked.run();
            StandaloneBroker broker = StandaloneBroker.start(settings.broker(), settings.dataDir());
            LoggerFactory.getLogger(BrokerServer.class).info("broker listening on {}, data in {}", broker.url(),
                    broker.dataDir());
            return new BrokerServer(lock, broker);
        } catch (RuntimeException e) {
            release(lock);
            throw new ServerStartException(OneLine.messageOf(e), e);
        }
    }

    /** The URL servers and workers connect to, {@code tcp://HOST:PORT}. */
    public String url() {
        return broker.url();
    }

    public Path dataDir() {
        return broker.dataDir();
    }

    /** Blocks until {@link #close()} has finished, from whichever thread it ran. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops the broker (at most 10 s), then releases the data directory. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            broker.close();
            release(lock);
        } finally {
            closed.countDown();
        }
    }

    private static void release(DataDirLock lock) {
        try {
            lock.close();
        } catch (IOException e) {
            LoggerFactory.getLogger(BrokerServer.class).warn("releasing the data directory lock failed: {}",
                    e.toString());
        }
    }
}
