package io.mqpool.server.web;

import io.javalin.http.Context;
import io.mqpool.engine.Engine;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /metrics}: the engine's metrics and the server JVM's, in the Prometheus text
 * format (0.0.4), behind the API token like the API.
 *
 * <p>Why the Prometheus Java client (prometheus-metrics-*) and not Micrometer: Prometheus is
 * the only format served, and Micrometer's Prometheus registry is itself a layer over this
 * client. Working on the client directly gives Prometheus' own names without a renaming
 * layer, gauges read by a callback when scraped (jobs per state is one store query per
 * scrape, not work per task), and collectors of our own that hand the client a ready
 * snapshot: the task-duration histogram counts all of a chunk's tasks in one step, which
 * neither Micrometer's timers nor the client's own histogram can.
 */
final class MetricsResource {

    /** Its own registry, not the client's global one: several servers may run in one JVM (tests). */
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    MetricsResource(Engine engine) {
        engine.monitor().registerOn(registry);
        // JvmMetrics.builder() would register these and keep every registry it saw in a static
        // set; one by one they hold nothing. Left out: JvmMemoryPoolAllocationMetrics, which
        // adds GC listeners it never removes, and the compilation and native-memory metrics.
        JvmMemoryMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmThreadsMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
    }

    /** Blocks while the gauges are read (a store query and the queues' depths, at most once a second). */
    void scrape(Context ctx) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream(16 * 1024);
        writer.write(text, registry.scrape());
        ctx.status(200).contentType(PrometheusTextFormatWriter.CONTENT_TYPE).result(text.toByteArray());
    }
}
