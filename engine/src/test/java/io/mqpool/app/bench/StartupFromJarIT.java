package io.mqpool.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqpool.server.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench startup} from the runnable jar, where both archives can be made: the workers'
 * archive is recorded by the first pool and used by the next, and the cold program's own archive
 * gives the {@code startup.cold.archived} row, which a test's class path of directories cannot.
 */
class StartupFromJarIT {

    @TempDir
    Path dir;

    @Test
    void theRunnableJarReportsTheColdStartFromTheProgramsArchiveAndKeepsOneWorkerArchive() throws Exception {
        Path archives = dir.resolve("archives");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")), "-jar",
                ServerProcess.packagedJar().toString(), "bench", "startup", "--tiny", "--no-python", "--json")
                .redirectError(dir.resolve("err").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MQPOOL_"));
        builder.environment().put("MQPOOL_WORKER_CLASS_ARCHIVES", archives.toString());
        Process bench = builder.start();
        String out;
        try {
            out = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(bench.waitFor(300, TimeUnit.SECONDS), "the bench did not end in 300 s");
        } finally {
            bench.destroyForcibly();
        }
        assertEquals(0, bench.exitValue(), out + Files.readString(dir.resolve("err")));

        Map<String, JsonNode> rows = new HashMap<>();
        new ObjectMapper().readTree(out).get("rows").forEach(row -> rows.put(row.get("row").asText(), row));
        assertEquals(List.of("startup", "startup.cold", "startup.cold.archived"), rows.keySet().stream().sorted().toList());
        for (JsonNode row : rows.values()) {
            assertTrue(row.get("min").asDouble() > 0, row.toString());
        }
        try (Stream<Path> files = Files.list(archives)) {
            List<String> names = files.map(file -> file.getFileName().toString()).toList();
            assertEquals(1, names.size(), "one worker archive for the jar's class path, no recording left: " + names);
            assertTrue(names.get(0).matches("worker-[0-9a-f]{24}\\.jsa"), names.toString());
        }
        try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
            assertEquals(List.of(), left.toList(), "the program's archive goes with its run");
        }
    }
}
