package io.mqpool.app.bench;

import io.mqpool.Pool;
import io.mqpool.jobs.builtin.Square;
import io.mqpool.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a program pays to use a pool at all: create one, run one task, close it. {@code startup}
 * does it in this warm JVM; {@code startup.cold} times a fresh JVM doing it from its start to its
 * exit ({@link ColdStartProgram}), on the embedded defaults as {@code Pool.create()} has them;
 * {@code startup.cold.archived} the same JVM started from a class-data archive of the program,
 * recorded by one unmeasured run, as the README shows users to start theirs (from the runnable
 * jar only: a class path with directories cannot be archived).
 */
final class StartupWorkload implements Workload {

    private static final Duration COLD_TIMEOUT = Duration.ofMinutes(2);
    /** Recording warns on stdout of every class it cannot archive, and a JVM of one it cannot map. */
    private static final String QUIET_ARCHIVE = "-Xlog:cds*=off";

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public List<Measurement> run(BenchSizes sizes, BenchStore store, Progress progress)
            throws InterruptedException, IOException {
        List<Double> warm = new ArrayList<>();
        for (int run = 1; run <= sizes.runs(); run++) {
            progress.note("run " + run + ": Pool.create(" + sizes.workers() + "), apply, close");
            long nine;
            // The store is made before the clock starts and removed after it stops: a PostgreSQL
            // database of its own is the bench's doing, not the pool's.
            try (ScratchStore scratch = store.fresh()) {
                Timer timer = Timer.start();
                try (Pool pool = scratch.pool(sizes.workers())) {
                    nine = pool.apply(Square.class, 3L);
                }
                warm.add(timer.millis());
            }
            if (nine != 9) {
                throw new IllegalStateException("square of 3 came back as " + nine);
            }
        }
        List<Double> cold = new ArrayList<>();
        JavaCommand java = JavaCommand.ofThisJvm();
        for (int run = 1; run <= sizes.runs(); run++) {
            progress.note("run " + run + ": a fresh JVM doing the same, start to exit");
            cold.add(coldStart(java, List.of(), sizes.workers()));
        }
        List<Measurement> measured = new ArrayList<>(List.of(
                new Measurement("startup", "Pool.create + apply + close", "ms", false, warm),
                new Measurement("startup.cold", "the same in a fresh JVM, its start to its exit", "ms", false, cold)));
        if (!java.archivable()) {
            progress.note("startup.cold.archived left out: a class path with directories cannot be archived");
            return measured;
        }
        List<Double> archived = new ArrayList<>();
        Path archive = Files.createTempDirectory("mqpool-bench-archive-").resolve("program.jsa");
        try {
            progress.note("recording the program's class archive (unmeasured)");
            coldStart(java, List.of("-XX:ArchiveClassesAtExit=" + archive, QUIET_ARCHIVE), sizes.workers());
            for (int run = 1; run <= sizes.runs(); run++) {
                progress.note("run " + run + ": a fresh JVM from the program's class archive");
                archived.add(coldStart(java, List.of("-XX:SharedArchiveFile=" + archive, QUIET_ARCHIVE),
                        sizes.workers()));
            }
        } finally {
            Files.deleteIfExists(archive);
            Files.deleteIfExists(archive.getParent());
        }
        measured.add(new Measurement("startup.cold.archived", "the same from the program's class archive", "ms",
                false, archived));
        return measured;
    }

    private static double coldStart(JavaCommand java, List<String> jvmOptions, int workers)
            throws InterruptedException {
        List<String> command = java.mainClass(jvmOptions, ColdStartProgram.class.getName(),
                List.of(Integer.toString(workers)));
        Timer timer = Timer.start();
        try (ChildProcess program = BenchProcesses.launch("cold start", command, line -> { }, line -> { })) {
            int exit = program.awaitExitCode(COLD_TIMEOUT);
            double millis = timer.millis();
            if (exit != 0) {
                throw new IllegalStateException("the cold-start program exited with " + exit + "; "
                        + program.output());
            }
            return millis;
        }
    }
}
