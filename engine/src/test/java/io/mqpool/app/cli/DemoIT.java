package io.mqpool.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mqpool demo} from the packaged jar prints the seed's output, with timings. */
class DemoIT {

    @Test
    void demoPrintsTheSeedsOutputInInputOrderWithWallTimes(@TempDir Path archives) throws Exception {
        Path jar = packagedJar();
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "demo")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        // The workers' class archive goes here, not into the home of whoever runs the tests.
        builder.environment().put("MQPOOL_WORKER_CLASS_ARCHIVES", archives.toString());
        Process demo = builder.start();
        try {
            String out = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(demo.waitFor(120, TimeUnit.SECONDS), "demo did not end in 120 s");
            assertEquals(0, demo.exitValue(), out);

            List<String> lines = out.lines().toList();
            int cores = Runtime.getRuntime().availableProcessors();
            List<String> expected = new ArrayList<>();
            expected.add("Executing with all available CPU cores: " + cores);
            expected.add("Results with all cores:");
            IntStream.rangeClosed(1, 8).forEach(n -> expected.add(n + " squared is " + n * n));
            expected.add("Executing with limited CPU cores: 4 out of " + cores);
            expected.add("Results with limited cores:");
            IntStream.rangeClosed(1, 16).forEach(n -> expected.add(n + " squared is " + n * n));
            List<String> seedLines = lines.stream()
                    .filter(line -> !line.startsWith("Wall time") && !line.startsWith(" ")
                            && !line.startsWith("For comparison"))
                    .toList();
            assertEquals(expected, seedLines);
            assertEquals(2, lines.stream().filter(line -> line.startsWith("Wall time: ")).count(), out);
            assertTrue(out.contains("(sequential: 16 s;") && out.contains("(sequential: 32 s;"), out);

            // The comparison: threads, processes, sequential, for two sleeping blocks and a CPU-bound one.
            double[] eightOnCores = figures(lines, "  compute_square 1..8 (sleeps) on " + cores + " ");
            double[] sixteenOnFour = figures(lines, "  compute_square 1..16 (sleeps) on 4 ");
            double[] burns = figures(lines, "  burn_cpu 200 x " + 8 * cores + " (CPU only) on " + cores + " ");
            assertEquals(16.0, eightOnCores[2], out);
            assertEquals(32.0, sixteenOnFour[2], out);
            // Sleeps overlap on threads: 8 s of each 16 s and 32 s, claimed with room to spare.
            assertTrue(eightOnCores[0] < 0.75 * eightOnCores[2] && sixteenOnFour[0] < 0.5 * sixteenOnFour[2], out);
            assertTrue(burns[0] > 0 && burns[1] > 0 && burns[2] > 0, out);
            try (Stream<Path> files = Files.list(archives)) {
                assertEquals(1, files.filter(file -> file.getFileName().toString().endsWith(".jsa")).count(),
                        "the first pool recorded the workers' archive, the others used it");
            }
        } finally {
            demo.destroyForcibly();
        }
    }

    /** The three durations in seconds (threads, processes, sequential) of the comparison row starting so. */
    private static double[] figures(List<String> lines, String rowStart) {
        String row = lines.stream().filter(line -> line.startsWith(rowStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + rowStart.strip() + "' in " + lines));
        return Arrays.stream(row.substring(rowStart.length()).trim().split("\\s+s\\s*"))
                .mapToDouble(Double::parseDouble).toArray();
    }

    static Path packagedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("mqpool-engine-.*-all\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run mvn package"));
        }
    }
}
