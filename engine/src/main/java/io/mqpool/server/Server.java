package io.mqpool.server;

import io.mqpool.config.ClientSettings;
import io.mqpool.config.OneLine;
import io.mqpool.config.SecretFiles;
import io.mqpool.config.Settings;
import io.mqpool.engine.DataDirLock;
import io.mqpool.engine.Engine;
import io.mqpool.engine.WorkerOptions;
import io.mqpool.engine.ActiveServer;
import io.mqpool.server.web.HttpApi;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code mqpool server}: the data-directory lock, the lease of the active
 * server over the store (see {@link ActiveServer}; a second server on the same store stands by
 * until it can take it), the engine (broker, store, workers; it resumes the jobs left running)
 * and the HTTP API, started in that order and closed in reverse.
 *
 * <p>This class holds no static logger on purpose: logging must not start before the lock is
 * taken and the caller has pointed the log at the data directory.
 */
public final class Server implements AutoCloseable {

    private final Settings settings;
    private final DataDirLock lock;
    private final ActiveServer lease;
    private final Engine engine;
    private final HttpApi http;
    private final Logger log;
    /** The exit code of a server that halts because another one took its lease over. */
    public static final int LEASE_LOST_EXIT = 3;
    /** The exit code of a server that halts because it lost its standalone broker. */
    public static final int BROKER_LOST_EXIT = 4;

    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    private Server(Settings settings, DataDirLock lock, ActiveServer lease, Engine engine, HttpApi http, Logger log) {
        this.settings = settings;
        this.lock = lock;
        this.lease = lease;
        this.engine = engine;
        this.http = http;
        this.log = log;
    }

    /**
     * Starts everything. Blocks until the workers are ready and HTTP listens (a few seconds).
     *
     * @param version shown by {@code GET /api/status}
     * @param onLocked runs once the data directory is locked and before anything logs; the
     *     caller points the log at the data directory there
     * @param onStandby told, with one line for people, when another server is active over the
     *     same store: this one then waits (blocking here) until it can take over
     * @throws ServerStartException with a one-line reason (another server holds the data
     *     directory, it is not writable, a port is taken); whatever had started is stopped
     */
    public static Server start(Settings settings, String version, Runnable onLocked, Consumer<String> onStandby) {
        DataDirLock lock = lock(settings);
        ActiveServer lease = null;
        Engine engine = null;
        try {
            onLocked.run();
            Logger log = LoggerFactory.getLogger(Server.class);
            // Only a store named by URL can be shared; the data directory's own H2 file is this
            // server's alone (the lock above), and is not opened before the broker is reached.
            lease = settings.store().url().isPresent() ? lease(settings, log, onStandby) : null;
            // The HTTP server starts while the workers do; the status line waits for both.
            engine = Engine.begin(settings, WorkerOptions.NONE, line -> log.info("worker: {}", line));
            if (settings.broker().remote().isPresent()) {
                // Nothing can move without the broker, and a server that stays up without it
                // would only look alive: it exits, for whatever restarts it once the broker is back.
                engine.onBrokerLost(reason -> halt(log, BROKER_LOST_EXIT, reason
                        + "; exiting (start the server again once the broker is back)"));
            }
            HttpApi http = HttpApi.start(engine, settings.http(), version, apiToken(settings.dataDir()));
            try {
                engine.awaitWorkers();
            } catch (RuntimeException e) {
                http.close();
                throw e;
            }
            log.info("mqpool {} serving HTTP on {}:{} with {} workers, data in {}", version, settings.http().bind(),
                    http.port(), settings.worker().count(), settings.dataDir().toAbsolutePath());
            return new Server(settings, lock, lease, engine, http, log);
        } catch (RuntimeException e) {
            if (engine != null) {
                engine.close();
            }
            if (lease != null) {
                lease.close();
            }
            closeLock(lock, e);
            throw e instanceof ServerStartException ? e : new ServerStartException(OneLine.messageOf(e), e);
        }
    }

    /**
     * Becomes the active server over the store, standing by while another one is. A server that
     * loses the lease halts at once: another server is taking over its jobs, and anything this
     * one still did (dispatch a chunk, record an outcome) could only get in the way.
     */
    private static ActiveServer lease(Settings settings, Logger log, Consumer<String> onStandby) {
        return ActiveServer.await(settings, line -> {
            log.info(line);
            onStandby.accept(line);
        }, reason -> halt(log, LEASE_LOST_EXIT, "this server is no longer the active one: " + reason));
    }

    /** Stops the process at once, with one line in the log and on standard error. */
    private static void halt(Logger log, int exitCode, String line) {
        log.error("halting: {}", line);
        System.err.println("mqpool: " + line);
        System.err.flush();
        Runtime.getRuntime().halt(exitCode);
    }

    /** The URL clients on this host use, such as {@code http://127.0.0.1:8080}. */
    public URI url() {
        String bind = settings.http().bind();
        boolean wildcard = bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]");
        String host = wildcard ? "127.0.0.1" : bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
        return URI.create((settings.http().tls().isPresent() ? "https://" : "http://") + host + ":" + http.port());
    }

    /**
     * The HTTP API token of this data directory, made on first start; {@code mqpool token} prints it.
     *
     * @throws ServerStartException when its file cannot be made or read, or others may read it
     */
    static String apiToken(Path dataDir) {
        try {
            return SecretFiles.readOrCreate(dataDir.resolve(ClientSettings.TOKEN_FILE_NAME),
                    SecretFiles.randomSecret() + "\n", "the HTTP API token").strip();
        } catch (SecretFiles.SecretFileException e) {
            throw new ServerStartException(e.getMessage(), e);
        }
    }

    public int port() {
        return http.port();
    }

    public Path dataDir() {
        return settings.dataDir().toAbsolutePath();
    }

    /** How many worker processes it started with. */
    public int workers() {
        return settings.worker().count();
    }

    /** Blocks until {@link #close()} has finished, from whichever thread it ran. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops HTTP, then the engine (workers drain; jobs still running stay RUNNING in the store
     * and resume on the next start), then releases the data directory. Idempotent; bounded by
     * Jetty's stop timeout and the engine's close (workers drain within seconds, then are killed).
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            log.info("stopping: HTTP first, then the engine");
            try {
                http.close();
            } catch (RuntimeException e) {
                log.warn("stopping HTTP failed: {}", e.toString());
            }
            engine.close();
            // Given up last: a standby starts its engine only once this one has stopped.
            if (lease != null) {
                lease.close();
            }
            closeLock(lock, null);
            log.info("stopped");
        } finally {
            closed.countDown();
        }
    }

    private static DataDirLock lock(Settings settings) {
        try {
            return DataDirLock.acquire(settings.dataDir(), "server.lock", "mqpool server", ProcessHandle.current().pid());
        } catch (IllegalStateException e) {
            throw new ServerStartException(e.getMessage(), e);
        }
    }

    private static void closeLock(DataDirLock lock, RuntimeException failure) {
        try {
            lock.close();
        } catch (IOException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                LoggerFactory.getLogger(Server.class).warn("releasing the data directory lock failed: {}", e.toString());
            }
        }
    }
}
