package io.mqpool.engine;

import io.mqpool.config.Settings;
import io.mqpool.engine.store.ServerLease;
import io.mqpool.engine.store.StoreLocation;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The server's hold on the store's lease (see {@link ServerLease}): only the active server runs
 * an engine over a shared store. Given up on close, so a standby takes over at once.
 */
public final class ActiveServer implements AutoCloseable {

    private final ServerLease lease;

    private ActiveServer(ServerLease lease) {
        this.lease = lease;
    }

    /**
     * Becomes the active server over the store {@code settings} name, blocking while another
     * server is.
     *
     * @param onStandby told once, with a line for people, if this server has to wait
     * @param onLost told once, with the reason, if the lease is taken over or cannot be renewed
     * @throws EngineStartException if the store cannot be opened
     */
    public static ActiveServer await(Settings settings, Consumer<String> onStandby, Consumer<String> onLost) {
        StoreLocation store = Engine.storeLocation(settings, settings.dataDir());
        try {
            return new ActiveServer(ServerLease.acquire(store, ServerLease.holderOfThisProcess(),
                    ServerLease.Timing.DEFAULT, Clock.systemUTC(),
                    active -> onStandby.accept("standing by: " + active.holder().orElse("another server")
                            + " is active over the store " + store + "; this server takes over when it stops"),
                    onLost));
        } catch (RuntimeException e) {
            throw e instanceof EngineStartException start ? start : new EngineStartException(e);
        }
    }

    @Override
    public void close() {
        lease.close();
    }
}
