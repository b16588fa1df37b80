package io.mqpool.app.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The soak at tiny sizes (40 s): a real server, three clients, every job checked; it runs only
 * when named, and leaves no thread or directory behind.
 */
class SoakWorkloadIT {

    private static final Set<String> ROWS = Set.of("soak.throughput.first", "soak.throughput.last",
            "soak.throughput.ratio", "soak.disk.settled", "soak.disk.end", "soak.disk.max", "soak.store.settled",
            "soak.store.end", "soak.heap.first", "soak.heap.last", "soak.threads.first", "soak.threads.last",
            "soak.fds.first", "soak.fds.last", "soak.jobs.big", "soak.jobs.small", "soak.small.p50",
            "soak.big.first.p50", "soak.big.last.p50");

    @Test
    void theSoakRunsOnlyWhenNamedChecksEveryJobAndLeavesNothingBehind() throws Exception {
        assertFalse(Workloads.names().contains("soak"));
        assertEquals("soak", Workloads.all().get(Workloads.all().size() - 1));
        Set<Path> before = soakDirectories();
        Timer timer = Timer.start();
        // --runs 3 must not make it three soaks.
        List<BenchRow> rows = new Bench(BenchSizes.tiny().withRuns(3), BenchStore.embeddedH2(),
                what -> System.out.printf(Locale.ROOT, "[%5.1f s] bench: %s%n", timer.seconds(), what))
                .run(List.of("soak"), false);
        Map<String, Measurement> figures = rows.stream().map(BenchRow::mqpool)
                .collect(Collectors.toMap(Measurement::row, m -> m));
        figures.values().forEach(m -> System.out.println(m.row() + " " + m.runs() + " " + m.unit()));

        assertEquals(ROWS, figures.keySet());
        figures.values().forEach(m -> assertEquals(1, m.runs().size(), m.row()));
        BenchSizes.SoakMix mix = BenchSizes.tiny().soak();
        long bigJobs = Math.round(figures.get("soak.jobs.big").median());
        assertTrue(bigJobs >= 2, "big jobs: " + bigJobs);
        assertTrue(figures.get("soak.jobs.small").median() >= bigJobs, figures.get("soak.jobs.small").toString());
        for (String row : List.of("soak.throughput.first", "soak.throughput.last", "soak.disk.end",
                "soak.store.end", "soak.heap.last", "soak.threads.last", "soak.fds.last", "soak.small.p50")) {
            assertTrue(figures.get(row).median() > 0, figures.get(row).toString());
        }
        assertTrue(figures.get("soak.disk.max").median() >= figures.get("soak.disk.end").median());
        assertTrue(timer.seconds() < mix.duration().toSeconds() + 60, "took " + timer.seconds() + " s");

        assertEquals(before, soakDirectories());
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().startsWith("mqpool-bench-")));
    }

    private static Set<Path> soakDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(path -> path.getFileName().toString().startsWith("mqpool-bench-soak-"))
                    .collect(Collectors.toSet());
        }
    }
}
