package io.mqpool.engine.monitor;

import io.mqpool.engine.store.DurationHistogram;
import io.mqpool.engine.store.RecordedResult;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the collector counts as it records outcomes: tasks done and failed, how long tasks ran
 * and how long chunks took from dispatch to their recorded outcome. A few adder increments per
 * chunk; nothing here touches the store. Thread-safe.
 */
final class OutcomeMetrics {

    /** The stats endpoints' bounds, in seconds. */
    private static final List<Double> BOUNDS_SECONDS = DurationHistogram.DEFAULT_BOUNDS_MS.stream()
            .map(ms -> ms / 1000.0).toList();

    /*
     * Plain adders, shown through callback counters only once a registry is made: a Pool, which
     * never serves /metrics, then never loads the client's configuration (about 40 ms at the
     * first Counter.builder() in a fresh JVM).
     */
    private final LongAdder done = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final WeightedHistogram taskDuration = new WeightedHistogram("mqpool_task_duration_seconds",
            "How long tasks ran on their worker (each task of a chunk counts with the chunk's mean)",
            BOUNDS_SECONDS);
    private final WeightedHistogram chunkRoundTrip = new WeightedHistogram("mqpool_chunk_round_trip_seconds",
            "From sending a chunk to the task queue to its outcomes being recorded in the store",
            BOUNDS_SECONDS);

    /**
     * Counts a chunk whose outcomes were recorded for the first time.
     *
     * @param roundTripNanos since it was sent; negative if not known (sent before a restart)
     */
    void recorded(RecordedResult chunk, long roundTripNanos) {
        done.add(chunk.size());
        int failures = chunk.outcomes().failures();
        if (failures > 0) {
            failed.add(failures);
        }
        if (chunk.startedAtMillis() > 0 && chunk.finishedAtMillis() >= chunk.startedAtMillis()) {
            double meanSeconds = (chunk.finishedAtMillis() - chunk.startedAtMillis()) / 1000.0 / chunk.size();
            taskDuration.observe(meanSeconds, chunk.size());
        }
        if (roundTripNanos >= 0) {
            chunkRoundTrip.observe(roundTripNanos / 1e9, 1);
        }
    }

    void registerOn(PrometheusRegistry registry) {
        registry.register(CounterWithCallback.builder().name("mqpool_tasks_done")
                .help("Tasks that got their outcome, failed ones included (a job's done)")
                .callback(callback -> callback.call(done.sum())).build());
        registry.register(CounterWithCallback.builder().name("mqpool_tasks_failed")
                .help("Tasks whose outcome is a failure: an error or a timeout (a job's failed)")
                .callback(callback -> callback.call(failed.sum())).build());
        registry.register(taskDuration);
        registry.register(chunkRoundTrip);
    }
}
