package io.mqpool.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.app.bench.BenchSizes.SoakMix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The soak's windows, ratios and extremes, from samples made up here. */
class SoakFiguresTest {

    private static final double MIB = 1024.0 * 1024.0;
    /** 100 s with windows of 20 s, retention 30 s, a sample every 10 s. */
    private static final SoakMix MIX = new SoakMix(Duration.ofSeconds(100), Duration.ofSeconds(20), 2, 1_000,
            Duration.ofSeconds(1), 10, Duration.ofSeconds(30), Duration.ofSeconds(10));

    /**
     * 1,000 tasks a second up to 20 s, then 500; the data directory grows to 50 s, then stays, half
     * of it the store; the heap after the full collections at 20 s and at the end is 42 and 45 MiB.
     */
    private static List<SoakSample> samples() {
        List<SoakSample> samples = new ArrayList<>();
        for (int k = 0; k <= 10; k++) {
            double seconds = k * 10 + (k == 0 ? 0 : 0.2);
            long done = k <= 2 ? k * 10_000L : 20_000L + (k - 2) * 5_000L;
            long data = (long) (Math.min(k, 5) * 10 * MIB);
            samples.add(new SoakSample(seconds, done, data, data / 2, (long) ((100 - k) * MIB), 80 + k, 60 + k % 3,
                    false));
            if (k == 2) {
                samples.add(new SoakSample(20.7, 20_100, data, data / 2, (long) (42 * MIB), 99, 99, true));
            }
        }
        samples.add(new SoakSample(100.9, 60_000, (long) (51 * MIB), (long) (30 * MIB), (long) (45 * MIB), 95, 70,
                true));
        return samples;
    }

    private static Map<String, Double> figures(SoakJobs jobs) {
        return new SoakFigures(MIX, samples()).measurements(jobs).stream()
                .collect(Collectors.toMap(Measurement::row, Measurement::median));
    }

    @Test
    void throughputIsTasksDoneBetweenTheSamplesNearestToAWindowsEdges() {
        SoakFigures figures = new SoakFigures(MIX, samples());
        assertEquals(20_000 / 20.2, figures.throughput(0, 20), 1e-9);
        assertEquals(10_000 / 20.0, figures.throughput(80, 100), 1e-9);
        Map<String, Double> rows = figures(new SoakJobs());
        assertEquals(rows.get("soak.throughput.last") / rows.get("soak.throughput.first"),
                rows.get("soak.throughput.ratio"), 1e-9);
        assertEquals(0.505, rows.get("soak.throughput.ratio"), 1e-9);
    }

    @Test
    void theDataDirectoryIsTakenOnceTheRetentionAndAWindowHavePassedAtTheEndAndAtItsLargest() {
        Map<String, Double> rows = figures(new SoakJobs());
        assertEquals(50.0, rows.get("soak.disk.settled"));
        assertEquals(50.0, rows.get("soak.disk.end"));
        assertEquals(51.0, rows.get("soak.disk.max"));
        assertEquals(25.0, rows.get("soak.store.settled"));
        assertEquals(25.0, rows.get("soak.store.end"));
    }

    @Test
    void theHeapIsAfterTheFullCollectionsAndThreadsAndOpenFilesTheMostOfTheSamplesBetweenAWindowsEdges() {
        Map<String, Double> rows = figures(new SoakJobs());
        assertEquals(42.0, rows.get("soak.heap.first"));
        assertEquals(45.0, rows.get("soak.heap.last"));
        assertEquals(82.0, rows.get("soak.threads.first"));
        assertEquals(90.0, rows.get("soak.threads.last"));
        assertEquals(62.0, rows.get("soak.fds.first"));
        assertEquals(62.0, rows.get("soak.fds.last"));
    }

    @Test
    void jobsAreCountedAndTheirMediansTakenByTheWindowTheyStartedIn() {
        SoakJobs jobs = new SoakJobs();
        jobs.bigChecked(new SoakJobs.BigJob(1, 3.0));
        jobs.bigChecked(new SoakJobs.BigJob(5, 1.0));
        jobs.bigChecked(new SoakJobs.BigJob(19, 2.0));
        jobs.bigChecked(new SoakJobs.BigJob(50, 9.0));
        jobs.bigChecked(new SoakJobs.BigJob(85, 4.0));
        List.of(30.0, 10.0, 20.0).forEach(jobs::smallChecked);
        Map<String, Double> rows = figures(jobs);
        assertEquals(5.0, rows.get("soak.jobs.big"));
        assertEquals(3.0, rows.get("soak.jobs.small"));
        assertEquals(20.0, rows.get("soak.small.p50"));
        assertEquals(2.0, rows.get("soak.big.first.p50"));
        assertEquals(4.0, rows.get("soak.big.last.p50"));
    }

    @Test
    void aWindowWithoutABigJobHasNoMedianRatherThanAMadeUpOne() {
        SoakJobs jobs = new SoakJobs();
        jobs.bigChecked(new SoakJobs.BigJob(1, 3.0));
        Map<String, Double> rows = figures(jobs);
        assertTrue(rows.containsKey("soak.big.first.p50"));
        assertFalse(rows.containsKey("soak.big.last.p50"));
        assertFalse(rows.containsKey("soak.small.p50"));
    }

    @Test
    void everyFigureHasOneValue() {
        for (Measurement m : new SoakFigures(MIX, samples()).measurements(new SoakJobs())) {
            assertEquals(1, m.runs().size(), m.row());
        }
    }

    @Test
    void oneSampleBesideThoseAfterAFullCollectionIsNotEnough() {
        List<SoakSample> samples = samples();
        assertThrows(IllegalStateException.class, () -> new SoakFigures(MIX, List.of(samples.get(0),
                samples.get(3), samples.get(samples.size() - 1))));
    }

    @Test
    void aShorterSoakKeepsItsPaceAndRetentionAndShrinksItsWindowsToAQuarterInWholeSampleIntervals() {
        SoakMix standard = BenchSizes.standard().soak();
        SoakMix tenMinutes = standard.withDuration(Duration.ofMinutes(10));
        assertEquals(Duration.ofSeconds(150), tenMinutes.window());
        assertEquals(Duration.ofSeconds(220), standard.withDuration(Duration.ofMinutes(15)).window());
        assertEquals(standard.bigEvery(), tenMinutes.bigEvery());
        assertEquals(Duration.ofSeconds(330), tenMinutes.settledAt());
        assertEquals(Duration.ofMinutes(5), standard.withDuration(Duration.ofHours(2)).window());
    }

    @Test
    void aSoakTooShortForItsRetentionAndTwoWindowsSaysTheShortestThatFits() {
        SoakMix standard = BenchSizes.standard().soak();
        assertEquals(Duration.ofMinutes(6), standard.withDuration(Duration.ofMinutes(6)).duration());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> standard.withDuration(Duration.ofMinutes(5)));
        assertEquals("a soak lasts at least 6m: its retention of 3m, then a first and a last window apart; got 5m",
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BenchSizes.tiny().soak().withDuration(Duration.ofSeconds(19)));
    }

    @Test
    void theStandardStreamIsTwoHundredBigJobsAndTwoThousandOneTaskJobsInHalfAnHour() {
        SoakMix standard = BenchSizes.standard().soak();
        assertEquals(200, standard.duration().dividedBy(standard.bigEvery()));
        assertEquals(2_000, standard.duration().dividedBy(standard.bigEvery()) * standard.smallPerBig());
        assertEquals(8, standard.clients());
    }

    @Test
    void aPageOfPrometheusTextGivesEachFollowedMetricSummedOverItsLabels() {
        String page = String.join("\n",
                "# HELP jvm_memory_pool_collection_used_bytes Used bytes after last collection",
                "# TYPE jvm_memory_pool_collection_used_bytes gauge",
                "jvm_memory_pool_collection_used_bytes{pool=\"G1 Eden Space\"} 0.0",
                "jvm_memory_pool_collection_used_bytes{pool=\"G1 Old Gen\"} 1.4052352E7",
                "jvm_memory_pool_collection_used_bytes{pool=\"G1 Survivor Space\"} 6040784.0",
                "jvm_memory_pool_used_bytes{pool=\"CodeHeap 'non-nmethods'\"} 1570944.0",
                "jvm_threads_current 72.0",
                "mqpool_tasks_done_total 150000.0",
                "mqpool_task_duration_seconds_bucket{le=\"+Inf\"} 150000",
                "process_open_fds 54.0",
                "mqpool_store_size_bytes 5316608.0", "");
        Map<String, Double> followed = ServerMetrics.followed(page);
        assertEquals(Map.of(ServerMetrics.HEAP_AFTER_GC, 1.4052352E7 + 6040784.0, ServerMetrics.THREADS, 72.0,
                ServerMetrics.TASKS_DONE, 150000.0, ServerMetrics.OPEN_FDS, 54.0, ServerMetrics.STORE_SIZE, 5316608.0),
                followed);
        SoakSample sample = SoakSample.of(1.5, 4_096, followed, true);
        assertEquals(new SoakSample(1.5, 150_000, 4_096, 5_316_608, 20_093_136, 72, 54, true), sample);
        assertThrows(IllegalStateException.class, () -> SoakSample.of(1.5, 0, Map.of(), false));
    }
}
