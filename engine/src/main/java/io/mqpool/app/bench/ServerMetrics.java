package io.mqpool.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A server's {@code GET /metrics}, read as a user's Prometheus would: the few figures the soak
 * follows, each the sum of its samples over their labels. A page of Prometheus text rather than
 * JSON, so not through the API's client.
 */
final class ServerMetrics {

    static final String TASKS_DONE = "mqpool_tasks_done_total";
    /** Heap in use after the last collection, by memory pool: summed, the heap's floor as the JVM last saw it. */
    static final String HEAP_AFTER_GC = "jvm_memory_pool_collection_used_bytes";
    static final String THREADS = "jvm_threads_current";
    static final String OPEN_FDS = "process_open_fds";
    /** The H2 file, the part of the data directory that retention keeps in check; most of the rest is the journal. */
    static final String STORE_SIZE = "mqpool_store_size_bytes";
    private static final Set<String> FOLLOWED = Set.of(TASKS_DONE, HEAP_AFTER_GC, THREADS, OPEN_FDS, STORE_SIZE);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI metrics;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ServerMetrics(URI server) {
        this.metrics = URI.create(server + "/metrics");
    }

    /**
     * Blocks for one scrape (at most 30 s).
     *
     * @throws UncheckedIOException if the server cannot be asked or does not answer 200
     */
    Map<String, Double> scrape() throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(metrics).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics, e);
        }
        if (response.statusCode() != 200) {
            throw new UncheckedIOException(new IOException(metrics + " answered HTTP " + response.statusCode()));
        }
        return followed(response.body());
    }

    /** The followed metrics of a page of Prometheus text, each summed over its labels; others are skipped. */
    static Map<String, Double> followed(String page) {
        Map<String, Double> sums = new HashMap<>();
        for (String line : page.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int labels = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = line.substring(0, labels >= 0 && labels < space ? labels : space);
            if (FOLLOWED.contains(name)) {
                // A label value may hold spaces (pool="CodeHeap 'non-nmethods'"): the value follows the labels.
                int valueStart = labels >= 0 && labels < space ? line.lastIndexOf('}') + 1 : space;
                String[] rest = line.substring(valueStart).trim().split(" ");
                sums.merge(name, Double.parseDouble(rest[0]), Double::sum);
            }
        }
        return sums;
    }
}
