package io.mqpool.app.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqpool.process.ChildProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Python's {@code multiprocessing.Pool} on the same workloads and sizes, through the
 * {@code pool_bench.py} script shipped in the jar and whatever {@code python3} is on the PATH.
 */
final class PythonPool {

    private static final String SCRIPT = "pool_bench.py";
    /** The workloads the script knows; it skips the others (recovery has no Python counterpart). */
    private static final Set<String> WORKLOADS = Set.of("trivial", "latency", "cpu", "sleep", "startup", "memory",
            "state");
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final ObjectMapper json = new ObjectMapper();

    /**
     * Runs the script on the workloads it knows among {@code workloads}, blocking until it ends.
     * Its standard error goes to {@code progress} line by line.
     *
     * @param mqpool the figures to compare with: a Python row is kept only if mqpool has it,
     *     and takes its label and direction
     * @return Python's figures by row; none if python3 is missing, which {@code progress} is told
     */
    Map<String, Measurement> measure(BenchSizes sizes, List<String> workloads, List<Measurement> mqpool,
                                     Workload.Progress progress) throws InterruptedException {
        List<String> known = workloads.stream()
                .filter(name -> WORKLOADS.contains(name) && (sizes.sleepRounds() || !name.equals("sleep"))).toList();
        if (known.isEmpty()) {
            return Map.of();
        }
        Path script = extractScript();
        try {
            List<String> lines = run(command(script, sizes, known), progress);
            return lines == null ? Map.of() : figures(lines, mqpool, progress);
        } finally {
            deleteScript(script, progress);
        }
    }

    /** Its standard output, or null when there is no python3. */
    private static List<String> run(List<String> command, Workload.Progress progress) throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        ChildProcess python;
        try {
            python = BenchProcesses.start("python3", command, lines::add, progress::note);
        } catch (IOException e) {
            progress.note("python3 cannot be run (" + e.getMessage() + "): no comparison with multiprocessing.Pool");
            return null;
        }
        try (python) {
            int exit = python.awaitExitCode(TIMEOUT);
            if (exit != 0) {
                progress.note("python3 exited with " + exit + "; keeping the figures it printed");
            }
        }
        return lines;
    }

    private static List<String> command(Path script, BenchSizes sizes, List<String> workloads) {
        List<String> command = new ArrayList<>(List.of("python3", script.toString(),
                "--runs", Integer.toString(sizes.runs()),
                "--tasks", Integer.toString(sizes.tasks()),
                "--chunksize1-tasks", Integer.toString(sizes.chunksize1Tasks()),
                "--latency-calls", Integer.toString(sizes.latencyCalls()),
                "--cpu-tasks", Integer.toString(sizes.cpuTasks()),
                "--cpu-millis", Integer.toString(sizes.cpuMillis()),
                "--sleep-seconds", "2",
                "--memory-tasks", Integer.toString(sizes.memoryTasks()),
                "--memory-chunksize", Integer.toString(sizes.memoryChunksize()),
                "--state-increments", Integer.toString(sizes.stateIncrements()),
                "--workers", Integer.toString(sizes.workers())));
        command.addAll(workloads);
        return command;
    }

    /** Reads {@code {"row": id, "unit": u, "runs": [..]}} lines into mqpool's rows. */
    private Map<String, Measurement> figures(List<String> lines, List<Measurement> mqpool, Workload.Progress progress) {
        Map<String, Measurement> ours = new HashMap<>();
        mqpool.forEach(m -> ours.put(m.row(), m));
        Map<String, Measurement> figures = new HashMap<>();
        for (String line : lines) {
            JsonNode figure;
            try {
                figure = json.readTree(line);
            } catch (JsonProcessingException e) {
                progress.note(line);
                continue;
            }
            Measurement like = ours.get(figure.path("row").asText());
            if (like == null) {
                continue;
            }
            if (!like.unit().equals(figure.path("unit").asText())) {
                progress.note("skipping Python's " + like.row() + ": in " + figure.path("unit").asText()
                        + ", not " + like.unit());
                continue;
            }
            List<Double> runs = new ArrayList<>();
            figure.path("runs").forEach(run -> runs.add(run.asDouble()));
            figures.put(like.row(),
                    new Measurement(like.row(), like.label(), like.unit(), like.higherIsBetter(), runs));
        }
        return figures;
    }

    private static Path extractScript() {
        try (InputStream in = PythonPool.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing next to " + PythonPool.class.getName());
            }
            Path script = Files.createTempFile("mqpool-pool_bench-", ".py");
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + SCRIPT + " to a temporary file", e);
        }
    }

    private static void deleteScript(Path script, Workload.Progress progress) {
        try {
            Files.deleteIfExists(script);
        } catch (IOException e) {
            progress.note("cannot remove the temporary " + script + ": " + e.getMessage());
        }
    }
}
