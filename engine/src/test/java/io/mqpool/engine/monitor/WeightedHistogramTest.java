package io.mqpool.engine.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A histogram that counts a chunk's tasks in one step, as the Prometheus text format shows it. */
class WeightedHistogramTest {

    @Test
    void aChunkCountsEachOfItsTasksInTheBucketOfItsMeanAndTheTextCumulatesThem() throws IOException {
        WeightedHistogram histogram = new WeightedHistogram("mqpool_test_seconds", "A test", List.of(0.01, 0.1, 1.0));
        histogram.observe(0.005, 1000);
        histogram.observe(0.1, 3);
        histogram.observe(5.0, 2);
        histogram.observe(0.5, 0);

        String text = text(histogram);
        assertTrue(text.contains("# TYPE mqpool_test_seconds histogram\n"), text);
        assertTrue(text.contains("mqpool_test_seconds_bucket{le=\"0.01\"} 1000\n"), text);
        assertTrue(text.contains("mqpool_test_seconds_bucket{le=\"0.1\"} 1003\n"), "a bound is inclusive: " + text);
        assertTrue(text.contains("mqpool_test_seconds_bucket{le=\"1.0\"} 1003\n"), text);
        assertTrue(text.contains("mqpool_test_seconds_bucket{le=\"+Inf\"} 1005\n"), text);
        assertTrue(text.contains("mqpool_test_seconds_count 1005\n"), text);
        double sum = Double.parseDouble(text.lines().filter(l -> l.startsWith("mqpool_test_seconds_sum "))
                .findFirst().orElseThrow().split(" ")[1]);
        assertEquals(5.0 + 0.3 + 10.0, sum, 1e-9);
    }

    @Test
    void boundsThatDoNotAscendAreRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new WeightedHistogram("x_seconds", "x", List.of(1.0, 1.0)));
        assertEquals("bounds must ascend: [1.0, 1.0]", e.getMessage());
    }

    private static String text(WeightedHistogram histogram) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(histogram);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
