package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.server.HttpApiClient.Answer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /metrics} and {@code GET /api/health} on a real server with two workers, asked
 * from loopback (where {@code http.auth=auto} asks no token): the counters follow a job's
 * counts, the page is well-formed Prometheus text, and health follows the workers' deaths.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerMetricsIT {

    @RegisterExtension
    static final RunningServer server = RunningServer.withWorkers(2);
    private static final HttpApiClient api = server.api();
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);

    @Test
    @Order(1)
    void theTaskCountersAndHistogramsFollowAJobWithFailingTasks() {
        PrometheusText before = scrape();
        // burn_cpu refuses a negative number of milliseconds: 3 of the 7 tasks fail, in 4 chunks.
        String id = api.submitForId("{\"task\": \"burn_cpu\", \"args\": [0, -1, 1, -2, 0, -3, 2], \"chunksize\": 2}");
        JsonNode job = api.awaitState(id, "FAILED", JOB_TIMEOUT);
        assertEquals(7, job.get("done").asLong(), job.toString());
        assertEquals(3, job.get("failed").asLong(), job.toString());

        PrometheusText after = scrape();
        assertEquals(job.get("done").asLong(), grew(before, after, "mqpool_tasks_done_total"), "tasks done");
        assertEquals(job.get("failed").asLong(), grew(before, after, "mqpool_tasks_failed_total"), "tasks failed");
        assertEquals(7, grew(before, after, "mqpool_task_duration_seconds_count"), "tasks timed");
        assertEquals(4, grew(before, after, "mqpool_chunk_round_trip_seconds_count"), "chunks timed");
        assertEquals(4, after.value("mqpool_chunk_round_trip_seconds_bucket", Map.of("le", "+Inf"))
                - before.value("mqpool_chunk_round_trip_seconds_bucket", Map.of("le", "+Inf")));
        assertTrue(after.value("mqpool_chunk_round_trip_seconds_sum") > before.value("mqpool_chunk_round_trip_seconds_sum"));
        // The gauges that cost a query are read at most once a second: the job shows within one.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            PrometheusText now = scrape();
            return now.value("mqpool_jobs", Map.of("state", "failed")) == before.value("mqpool_jobs",
                    Map.of("state", "failed")) + 1 && now.value("mqpool_jobs", Map.of("state", "running")) == 0;
        });
    }

    @Test
    @Order(2)
    void everyMetricIsListedWithItsTypeAndTheEngineIsSeenWhole() {
        PrometheusText page = scrape();
        assertEquals("counter", page.typeOf("mqpool_tasks_done_total"));
        assertEquals("counter", page.typeOf("mqpool_worker_restarts_total"));
        assertEquals("histogram", page.typeOf("mqpool_task_duration_seconds"));
        assertEquals("gauge", page.typeOf("mqpool_jobs"));
        for (String queue : new String[] {"mqpool.tasks", "mqpool.results", "mqpool.retry", "mqpool.dead"}) {
            assertTrue(page.value("mqpool_queue_depth", Map.of("queue", queue)) >= 0, queue);
        }
        assertEquals(0, page.value("mqpool_queue_depth", Map.of("queue", "mqpool.tasks")), "nothing waits");
        double idle = page.samples().stream().filter(s -> s.name().equals("mqpool_workers")
                && s.labels().get("host").equals("local")
                && Set.of("idle", "busy").contains(s.labels().get("state")))
                .mapToDouble(PrometheusText.Sample::value).sum();
        assertEquals(2, idle, "both workers are ready");
        assertTrue(page.value("mqpool_store_size_bytes") > 0, "the H2 file has a size");
        assertTrue(page.has("jvm_memory_used_bytes") && page.has("jvm_threads_current")
                && page.has("process_cpu_seconds_total"), "the JVM's metrics are there");
        for (int i = 1; i < page.samples().size(); i++) {
            PrometheusText.Sample sample = page.samples().get(i);
            assertTrue(!sample.name().startsWith("mqpool") || sample.name().matches("mqpool_[a-z_]+"), sample.name());
        }
    }

    @Test
    @Order(3)
    void healthIsUpThen503WhenEveryWorkerIsKilledThenUpAgainOnceTheyAreBack() {
        Answer up = api.get("/api/health");
        assertEquals(200, up.status(), up.body());
        assertEquals("{\"status\":\"up\",\"workers\":2}", up.body());
        double restartsBefore = scrape().value("mqpool_worker_restarts_total", Map.of("host", "local"));

        Set<Long> pids = server.process().workerPids();
        assertTrue(pids.size() >= 2, "the workers' pids: " + pids);
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));

        AtomicReference<Answer> down = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            down.set(api.get("/api/health"));
            return down.get().status() == 503;
        });
        assertEquals("{\"status\":\"down\",\"reason\":\"no worker is running\",\"workers\":0}",
                down.get().body(), "one line that says why");
        assertEquals("application/json", down.get().raw().headers().firstValue("Content-Type").orElse("")
                .split(";")[0]);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/health").body(), "{\"status\":\"up\",\"workers\":2}"::equals);
        assertTrue(scrape().value("mqpool_worker_restarts_total", Map.of("host", "local")) >= restartsBefore + 2,
                "the restarts are counted");
    }

    private static double grew(PrometheusText before, PrometheusText after, String name) {
        return after.value(name) - before.value(name);
    }

    static PrometheusText scrape() {
        Answer metrics = api.get("/metrics");
        assertEquals(200, metrics.status(), metrics.body());
        assertTrue(metrics.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                metrics.raw().headers().toString());
        return PrometheusText.parse(metrics.body());
    }
}
