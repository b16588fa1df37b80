package io.mqpool.engine.monitor;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram (classic buckets) that counts many equal observations in one step:
 * a worker times a chunk, not its tasks, so each of a chunk's tasks counts with the chunk's
 * mean, and a chunk of 1,000 tasks costs one bucket increment instead of 1,000 (the client's
 * own {@code Histogram} observes one value at a time). Thread-safe; adding never blocks.
 */
final class WeightedHistogram implements Collector {

    private final String name;
    private final String help;
    /** Upper bounds in seconds, ascending, without +Inf. */
    private final double[] bounds;
    /** One count per bound, then the count above every bound. */
    private final LongAdder[] counts;
    private final DoubleAdder sum = new DoubleAdder();

    WeightedHistogram(String name, String help, List<Double> boundsSeconds) {
        this.name = name;
        this.help = help;
        this.bounds = boundsSeconds.stream().mapToDouble(Double::doubleValue).toArray();
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("bounds must ascend: " + boundsSeconds);
            }
        }
        this.counts = new LongAdder[bounds.length + 1];
        Arrays.setAll(counts, i -> new LongAdder());
    }

    /** Counts {@code times} observations of {@code seconds} each. */
    void observe(double seconds, long times) {
        if (times <= 0) {
            return;
        }
        int at = Arrays.binarySearch(bounds, seconds);
        counts[at >= 0 ? at : -at - 1].add(times);
        sum.add(seconds * times);
    }

    @Override
    public MetricSnapshot collect() {
        double[] upperBounds = Arrays.copyOf(bounds, bounds.length + 1);
        upperBounds[bounds.length] = Double.POSITIVE_INFINITY;
        long[] perBucket = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            perBucket[i] = counts[i].sum();
        }
        // The snapshot takes counts per bucket; the text format writes them cumulated (le).
        return HistogramSnapshot.builder().name(name).help(help)
                .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(upperBounds, perBucket))
                        .sum(sum.sum())
                        .build())
                .build();
    }

    @Override
    public String getPrometheusName() {
        return name;
    }
}
