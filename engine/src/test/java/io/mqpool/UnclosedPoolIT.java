package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program whose main returns without closing its pool still ends: at once, with its workers,
 * its temporary data directory removed and one warning that names the pool.
 */
class UnclosedPoolIT {

    private static final String WARNING = "was never closed";
    /** From the moment main is about to return; a program that closed its pool takes about a second. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(10);

    @TempDir
    Path output;
    /** The data directories of the programs run, removed after each test should one be left behind. */
    private final List<Path> dataDirs = new ArrayList<>();

    @AfterEach
    void removeLeftDataDirs() throws IOException {
        for (Path dir : dataDirs) {
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
    }

    @Test
    void aProgramThatForgetsCloseExitsPromptlyWithItsWorkersGoneAndOneWarningNamingThePool() throws Exception {
        Ended program = run("forget");

        assertEquals(0, program.exitCode(), program.describe());
        List<String> warnings = program.stderrLines().stream().filter(line -> line.contains(WARNING)).toList();
        assertEquals(1, warnings.size(), "one warning: " + program.describe());
        assertTrue(warnings.get(0).contains(program.dataDir().toString()), "it names the pool: " + warnings.get(0));
        assertTrue(warnings.get(0).contains("close()") && warnings.get(0).contains("try-with-resources"),
                "it says what to do: " + warnings.get(0));
        assertFalse(Files.exists(program.dataDir()), "the temporary data directory is removed");
    }

    @Test
    void aProgramThatClosesItsPoolGetsNoWarning() throws Exception {
        Ended program = run("close");

        assertEquals(0, program.exitCode(), program.describe());
        assertTrue(program.stderrLines().stream().noneMatch(line -> line.contains(WARNING)), program.describe());
        assertFalse(Files.exists(program.dataDir()));
    }

    @Test
    void aProgramThatTerminatesItsPoolExitsPromptlyWithoutWarning() throws Exception {
        Ended program = run("terminate");

        assertEquals(0, program.exitCode(), program.describe());
        assertTrue(program.stderrLines().stream().noneMatch(line -> line.contains(WARNING)), program.describe());
        assertFalse(Files.exists(program.dataDir()));
    }

    /**
     * Runs {@link UnclosedPoolProgram} with {@code ending}, requires it to exit within 10 s of its
     * map, then its workers to be gone within 10 s. Whatever still runs afterwards is killed.
     */
    private Ended run(String ending) throws IOException, InterruptedException {
        Path stdout = output.resolve(ending + ".out");
        Path stderr = output.resolve(ending + ".err");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", ManagementFactory.getRuntimeMXBean().getClassPath(),
                UnclosedPoolProgram.class.getName(), ending)
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        List<Long> workerPids = new ArrayList<>();
        try {
            Awaitility.await("the program maps on its workers").atMost(Duration.ofSeconds(60))
                    .until(() -> line(stdout, "worker pids ").isPresent() || !process.isAlive());
            long mapped = System.nanoTime();
            line(stdout, "worker pids ").ifPresent(pids -> Arrays.stream(pids.split(" "))
                    .map(Long::parseLong).forEach(workerPids::add));
            boolean exited = process.waitFor(EXIT_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            Ended ended = new Ended(exited ? process.exitValue() : -1, read(stdout), read(stderr));
            assertTrue(exited, "the program still runs " + EXIT_BOUND + " after its map: " + ended.describe());
            System.out.println(ending + ": the program exited " + (System.nanoTime() - mapped) / 1_000_000
                    + " ms after its map");
            assertEquals(2, workerPids.size(), ended.describe());
            Awaitility.await("its workers exit").atMost(EXIT_BOUND)
                    .until(() -> workerPids.stream().noneMatch(UnclosedPoolIT::isAlive));
            return ended;
        } finally {
            process.destroyForcibly();
            workerPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            process.waitFor(10, TimeUnit.SECONDS);
            line(stdout, "data dir ").map(Path::of).ifPresent(dataDirs::add);
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Optional<String> line(Path file, String prefix) throws IOException {
        return read(file).stream().filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length())).findFirst();
    }

    private static List<String> read(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    /** What an ended (or given-up-on) program printed. */
    private record Ended(int exitCode, List<String> stdoutLines, List<String> stderrLines) {

        Path dataDir() {
            return stdoutLines.stream().filter(line -> line.startsWith("data dir ")).findFirst()
                    .map(line -> Path.of(line.substring("data dir ".length())))
                    .orElseThrow(() -> new AssertionError("no data dir printed: " + describe()));
        }

        String describe() {
            return "exit " + exitCode + "; stdout: " + String.join("\n", stdoutLines)
                    + "\nstderr: " + String.join("\n", stderrLines);
        }
    }
}
