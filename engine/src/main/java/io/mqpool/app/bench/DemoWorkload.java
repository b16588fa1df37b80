package io.mqpool.app.bench;

import io.mqpool.process.ChildProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code mqpool demo} as a user runs it, the first thing they run: a JVM of its own, from the
 * class-data archive beside the jar as the launcher starts it (recorded first, unmeasured, when
 * there is none yet). Reports each block's start, map and close as the demo prints them, and the
 * whole process. About 50 s a run, so it runs with the sleep workload only.
 */
final class DemoWorkload implements Workload {

    private static final String MAIN_CLASS = "io.mqpool.app.cli.Main";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final List<String> BLOCKS = List.of("all-cores", "4-workers");

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public List<Measurement> run(BenchSizes sizes, BenchStore store, Progress progress) throws InterruptedException {
        if (!sizes.sleepRounds()) {
            progress.note("skipped at these sizes");
            return List.of();
        }
        JavaCommand java = JavaCommand.ofThisJvm();
        Optional<ServerClassArchive> archive = ServerClassArchive.of(java);
        if (archive.isPresent() && !archive.get().upToDate()) {
            progress.note("recording the class-data archive, as the launcher's first demo does (not measured)");
            demo(java, archive.get().recordOptions());
        }
        List<String> options = archive.map(ServerClassArchive::useOptions).orElse(List.of());
        List<Double> wall = new ArrayList<>();
        List<List<Double>> figures = new ArrayList<>();
        for (int i = 0; i < BLOCKS.size() * 3; i++) {
            figures.add(new ArrayList<>());
        }
        for (int run = 1; run <= sizes.runs(); run++) {
            progress.note("run " + run + ": mqpool demo");
            Timer timer = Timer.start();
            List<DemoTimings> blocks = demo(java, options);
            wall.add(timer.seconds());
            for (int b = 0; b < BLOCKS.size(); b++) {
                figures.get(3 * b).add(blocks.get(b).startSeconds());
                figures.get(3 * b + 1).add(blocks.get(b).mapSeconds());
                figures.get(3 * b + 2).add(blocks.get(b).closeSeconds());
            }
        }
        List<Measurement> rows = new ArrayList<>();
        rows.add(new Measurement("demo", "mqpool demo, the whole process", "s", false, wall));
        for (int b = 0; b < BLOCKS.size(); b++) {
            String block = BLOCKS.get(b);
            String what = b == 0 ? "compute_square 1..8 on every core" : "compute_square 1..16 on 4 workers";
            rows.add(new Measurement("demo." + block + ".start", what + ": starting the pool", "s", false,
                    figures.get(3 * b)));
            rows.add(new Measurement("demo." + block + ".map", what + ": its map (ideal 8 s)", "s", false,
                    figures.get(3 * b + 1)));
            rows.add(new Measurement("demo." + block + ".close", what + ": closing the pool", "s", false,
                    figures.get(3 * b + 2)));
        }
        return rows;
    }

    private static List<DemoTimings> demo(JavaCommand java, List<String> options) throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (ChildProcess demo = BenchProcesses.launch("demo", java.mainClass(options, MAIN_CLASS, List.of("demo")),
                lines::add, line -> { })) {
            int exit = demo.awaitExitCode(TIMEOUT);
            List<DemoTimings> blocks = DemoTimings.parse(lines);
            if (exit != 0 || blocks.size() != BLOCKS.size()) {
                throw new IllegalStateException("mqpool demo exited with " + exit + " and printed " + blocks.size()
                        + " blocks' timings; " + demo.output());
            }
            return blocks;
        }
    }
}
