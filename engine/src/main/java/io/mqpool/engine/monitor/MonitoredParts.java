package io.mqpool.engine.monitor;

import io.mqpool.engine.remote.RemoteHost;
import io.mqpool.engine.store.StoreReadings;
import io.mqpool.supervisor.WorkerView;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The parts of an engine that metrics and health read, each asked when scraped or checked.
 *
 * @param store the store's cheap readings
 * @param queues the broker's queue depths
 * @param brokerConnected whether the engine's connection to its broker is up
 * @param localWorkers this host's workers (the engine's supervisor)
 * @param localRestarts restarts of this host's workers since the start
 * @param remoteHosts the supervisors on other hosts that reported, lost ones too
 */
public record MonitoredParts(StoreReadings store, QueueDepths queues, BooleanSupplier brokerConnected,
                             Supplier<List<WorkerView>> localWorkers, LongSupplier localRestarts,
                             Supplier<List<RemoteHost>> remoteHosts) {

    public MonitoredParts {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(brokerConnected, "brokerConnected");
        Objects.requireNonNull(localWorkers, "localWorkers");
        Objects.requireNonNull(localRestarts, "localRestarts");
        Objects.requireNonNull(remoteHosts, "remoteHosts");
    }
}
