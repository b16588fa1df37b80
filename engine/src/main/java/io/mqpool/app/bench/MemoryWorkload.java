package io.mqpool.app.bench;

import io.mqpool.process.ChildProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long {@code imapUnordered} in an engine whose heap is capped at 256 MB: that it completes
 * at all is the point; its wall time and peak heap are the figures. The engine runs in a child
 * JVM ({@link MemoryProbe}) so that the cap applies to it alone, not to the bench.
 */
final class MemoryWorkload implements Workload {

    static final String HEAP_CAP = "-Xmx256m";
    private static final Pattern LINE = Pattern.compile(
            Pattern.quote(MemoryProbe.LINE_PREFIX) + "seconds=(\\S+) peak-mb=(\\S+) count=(\\d+)");
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    /** What one probe reported. */
    private record Probe(double seconds, double peakMegabytes) {
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public List<Measurement> run(BenchSizes sizes, BenchStore store, Progress progress)
            throws InterruptedException {
        JavaCommand java = JavaCommand.ofThisJvm();
        List<Double> seconds = new ArrayList<>();
        List<Double> peaks = new ArrayList<>();
        for (int run = 1; run <= sizes.runs(); run++) {
            progress.note("run " + run + ": imapUnordered of " + sizes.memoryTasks() + " tasks, chunksize "
                    + sizes.memoryChunksize() + ", in a child JVM with " + HEAP_CAP);
            Probe probe;
            try (ScratchStore scratch = store.fresh()) {
                probe = probe(java, sizes, scratch);
            }
            seconds.add(probe.seconds());
            peaks.add(probe.peakMegabytes());
        }
        return List.of(
                new Measurement("memory.seconds", "imapUnordered, engine heap capped at 256 MB", "s", false, seconds),
                new Measurement("memory.peak-mb", "its peak heap in use (Python: peak RSS)", "MB", false, peaks));
    }

    private static Probe probe(JavaCommand java, BenchSizes sizes, ScratchStore scratch) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of(Integer.toString(sizes.memoryTasks()),
                Integer.toString(sizes.memoryChunksize()), Integer.toString(sizes.workers())));
        args.addAll(scratch.arguments());
        List<String> command = java.mainClass(List.of(HEAP_CAP), MemoryProbe.class.getName(), args);
        AtomicReference<Matcher> reported = new AtomicReference<>();
        try (ChildProcess child = BenchProcesses.launch("memory probe", command, line -> {
            Matcher matcher = LINE.matcher(line);
            if (matcher.matches()) {
                reported.set(matcher);
            }
        }, line -> { })) {
            int exit = child.awaitExitCode(TIMEOUT);
            Optional<Matcher> line = Optional.ofNullable(reported.get());
            if (exit != 0 || line.isEmpty()) {
                throw new IllegalStateException("the memory probe exited with " + exit
                        + (line.isEmpty() ? " and no figures" : "") + "; " + child.output());
            }
            if (Long.parseLong(line.get().group(3)) != sizes.memoryTasks()) {
                throw new IllegalStateException("the memory probe counted " + line.get().group(3) + " results of "
                        + sizes.memoryTasks() + " tasks");
            }
            return new Probe(Double.parseDouble(line.get().group(1)), Double.parseDouble(line.get().group(2)));
        }
    }
}
