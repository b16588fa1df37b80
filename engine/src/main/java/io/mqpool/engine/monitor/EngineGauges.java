package io.mqpool.engine.monitor;

import io.mqpool.broker.Queues;
import io.mqpool.engine.remote.RemoteHost;
import io.mqpool.engine.store.JobState;
import io.mqpool.supervisor.WorkerView;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges read when {@code /metrics} is scraped: jobs per state (one query), the queues'
 * depths, workers per state and their restarts, the store's size on disk. What costs a query
 * or a browse is read at most once a second, however often it is scraped.
 */
final class EngineGauges {

    /** The label value of this host's workers; other hosts' carry their host id. */
    static final String LOCAL_HOST = "local";
    static final List<String> QUEUES = List.of(Queues.TASKS, Queues.RESULTS, Queues.RETRY, Queues.DEAD_LETTER);
    private static final Duration MAX_AGE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(EngineGauges.class);

    private final MonitoredParts parts;
    private final Cached<Map<JobState, Long>> jobs;
    private final Cached<Map<String, Long>> queues;
    private final Cached<OptionalLong> storeBytes;

    EngineGauges(MonitoredParts parts) {
        this.parts = parts;
        this.jobs = new Cached<>(MAX_AGE, () -> parts.store().jobsByState());
        this.queues = new Cached<>(MAX_AGE, this::readQueues);
        this.storeBytes = new Cached<>(MAX_AGE, () -> parts.store().bytesOnDisk());
    }

    void registerOn(PrometheusRegistry registry) {
        registry.register(GaugeWithCallback.builder().name("mqpool_jobs")
                .help("Jobs the store holds, per state").labelNames("state")
                .callback(callback -> {
                    Map<JobState, Long> counts = jobs.get();
                    for (JobState state : JobState.values()) {
                        callback.call(counts.getOrDefault(state, 0L), state.name().toLowerCase(Locale.ROOT));
                    }
                }).build());
        registry.register(GaugeWithCallback.builder().name("mqpool_queue_depth")
                .help("Messages on a broker queue (a standalone broker: undelivered ones, counted up to 1000)")
                .labelNames("queue")
                .callback(callback -> queues.get().forEach((queue, depth) -> callback.call(depth, queue)))
                .build());
        registry.register(GaugeWithCallback.builder().name("mqpool_workers")
                .help("Worker processes per host (local, or a remote host's id) and state: idle, busy, "
                        + "starting, draining, restarting, stopped")
                .labelNames("host", "state")
                .callback(callback -> workersByHostAndState().forEach((host, states) ->
                        states.forEach((state, count) -> callback.call(count, host, state))))
                .build());
        registry.register(CounterWithCallback.builder().name("mqpool_worker_restarts")
                .help("Worker processes started again in a worker's place, per host (a remote host's: "
                        + "of the workers it reports now)")
                .labelNames("host")
                .callback(callback -> restartsByHost().forEach((host, restarts) -> callback.call(restarts, host)))
                .build());
        registry.register(GaugeWithCallback.builder().name("mqpool_store_size_bytes")
                .help("The store's size on disk: the H2 file, or PostgreSQL's pg_database_size")
                .callback(callback -> storeBytes.get().ifPresent(callback::call))
                .build());
    }

    private Map<String, Long> readQueues() {
        Map<String, Long> depths = new LinkedHashMap<>();
        for (String queue : QUEUES) {
            try {
                depths.put(queue, parts.queues().messages(queue));
            } catch (RuntimeException e) {
                // Left out of this scrape: a missing sample says "unknown" better than a zero.
                log.warn("cannot read the depth of {}: {}", queue, e.getMessage());
            }
        }
        return depths;
    }

    private Map<String, Map<String, Long>> workersByHostAndState() {
        Map<String, Map<String, Long>> byHost = new LinkedHashMap<>();
        Map<String, Long> local = new TreeMap<>();
        for (WorkerView worker : parts.localWorkers().get()) {
            local.merge(worker.activity(), 1L, Long::sum);
        }
        byHost.put(LOCAL_HOST, local);
        for (RemoteHost host : parts.remoteHosts().get()) {
            if (host.lost()) {
                continue;
            }
            Map<String, Long> states = byHost.computeIfAbsent(host.hostId(), id -> new TreeMap<>());
            for (RemoteHost.Worker worker : host.workers()) {
                states.merge(worker.state(), 1L, Long::sum);
            }
        }
        return byHost;
    }

    private Map<String, Long> restartsByHost() {
        Map<String, Long> byHost = new LinkedHashMap<>();
        byHost.put(LOCAL_HOST, parts.localRestarts().getAsLong());
        for (RemoteHost host : parts.remoteHosts().get()) {
            if (!host.lost()) {
                byHost.put(host.hostId(), host.workers().stream().mapToLong(RemoteHost.Worker::restarts).sum());
            }
        }
        return byHost;
    }

    /** Workers ready to take a chunk (idle or busy), here and on hosts that still report. */
    int readyWorkers() {
        int ready = (int) parts.localWorkers().get().stream().map(WorkerView::activity)
                .filter(EngineGauges::isReady).count();
        for (RemoteHost host : parts.remoteHosts().get()) {
            if (!host.lost()) {
                ready += (int) host.workers().stream().map(RemoteHost.Worker::state)
                        .filter(EngineGauges::isReady).count();
            }
        }
        return ready;
    }

    private static boolean isReady(String activity) {
        return activity.equals("idle") || activity.equals("busy");
    }
}
