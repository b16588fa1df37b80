package io.mqpool.engine.monitor;

import io.mqpool.config.OneLine;
import io.mqpool.engine.store.RecordedResult;
import io.mqpool.engine.store.StoreException;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Objects;

/**
 * An engine's metrics and health. The result collector reports each chunk it records
 * ({@link #recorded}: counter and histogram increments, nothing else on the hot path); the
 * gauges (jobs, queues, workers, store) are read from the engine's parts only when a registry
 * is scraped. Created before the parts exist, told of them by {@link #attach}. Thread-safe.
 */
public final class EngineMonitor {

    private final OutcomeMetrics outcomes = new OutcomeMetrics();
    private volatile EngineGauges gauges;
    private volatile MonitoredParts parts;

    /** Tells the monitor of the engine's parts, once they all run. */
    public void attach(MonitoredParts started) {
        this.parts = Objects.requireNonNull(started, "started");
        this.gauges = new EngineGauges(started);
    }

    /**
     * Counts a chunk whose outcomes were recorded for the first time. Does not block.
     *
     * @param nanosSinceSent since the chunk was sent to the task queue; negative if not known
     */
    public void recorded(RecordedResult chunk, long nanosSinceSent) {
        outcomes.recorded(chunk, nanosSinceSent);
    }

    /**
     * Registers every mqpool metric on {@code registry}: the counters and histograms, and the
     * gauges read when it is scraped.
     *
     * @throws IllegalStateException before {@link #attach}
     */
    public void registerOn(PrometheusRegistry registry) {
        EngineGauges attached = gauges;
        if (attached == null) {
            throw new IllegalStateException("the engine's parts are not attached yet");
        }
        outcomes.registerOn(registry);
        attached.registerOn(registry);
    }

    /**
     * Checks, cheaply, that the engine can run jobs: its broker connection is up (its state, no
     * message), the store answers a {@code SELECT 1}, and a worker is ready. Blocks for the
     * store's round trip.
     */
    public Health health() {
        MonitoredParts attached = parts;
        if (attached == null) {
            return Health.down("the engine is still starting", 0);
        }
        int ready = gauges.readyWorkers();
        if (!attached.brokerConnected().getAsBoolean()) {
            return Health.down("the connection to the broker is down", ready);
        }
        try {
            attached.store().ping();
        } catch (StoreException e) {
            return Health.down("the store does not answer: " + OneLine.messageOf(e), ready);
        }
        return ready > 0 ? Health.up(ready) : Health.down("no worker is running", 0);
    }
}
