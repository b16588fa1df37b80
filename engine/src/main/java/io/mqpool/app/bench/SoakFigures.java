package io.mqpool.app.bench;

import io.mqpool.app.bench.BenchSizes.SoakMix;
import io.mqpool.config.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The soak's figures from its samples and checked jobs: the first window against the last for
 * throughput, threads and open files, the heap after a full collection at the end of each, the
 * data directory once the first retention period and a window have passed against its end, and
 * the jobs. A window's edges are the samples nearest to them.
 */
final class SoakFigures {

    private static final double MIB = 1024.0 * 1024.0;

    private final SoakMix mix;
    private final List<SoakSample> samples;

    /**
     * @param samples in the order taken, the first at the start and the last at the end, and
     *     beside those at the end of the first window and at the end one after a full collection
     *     (when there is {@code jcmd})
     */
    SoakFigures(SoakMix mix, List<SoakSample> samples) {
        long plain = samples.stream().filter(sample -> !sample.afterFullGc()).count();
        if (plain < 2) {
            throw new IllegalStateException("the soak took " + plain + " samples of its server; it needs 2");
        }
        this.mix = mix;
        this.samples = List.copyOf(samples);
    }

    /** One measurement per figure, one value each. */
    List<Measurement> measurements(SoakJobs jobs) {
        double window = mix.window().toMillis() / 1e3;
        double end = mix.duration().toMillis() / 1e3;
        double lastFrom = end - window;
        String first = "first " + Durations.forPeople(mix.window());
        String last = "last " + Durations.forPeople(mix.window());
        double firstRate = throughput(0, window);
        double lastRate = throughput(lastFrom, end);
        List<Measurement> figures = new ArrayList<>(List.of(
                one("soak.throughput.first", "tasks done per second, " + first, "tasks/s", true, firstRate),
                one("soak.throughput.last", "the same, " + last, "tasks/s", true, lastRate),
                one("soak.throughput.ratio", "last over first", "ratio", true, lastRate / firstRate),
                one("soak.disk.settled", "data directory at " + Durations.forPeople(mix.settledAt())
                        + " (retention, then a window)", "MiB", false,
                        samples.get(nearest(mix.settledAt().toMillis() / 1e3)).dataBytes() / MIB),
                one("soak.disk.end", "data directory at the end", "MiB", false,
                        samples.get(nearest(end)).dataBytes() / MIB),
                one("soak.disk.max", "data directory, largest sample", "MiB", false,
                        samples.stream().mapToLong(SoakSample::dataBytes).max().orElseThrow() / MIB),
                one("soak.store.settled", "of which the store's file, at " + Durations.forPeople(mix.settledAt()),
                        "MiB", false, samples.get(nearest(mix.settledAt().toMillis() / 1e3)).storeBytes() / MIB),
                one("soak.store.end", "the store's file at the end", "MiB", false,
                        samples.get(nearest(end)).storeBytes() / MIB),
                one("soak.heap.first", "server heap after a full GC, end of the " + first, "MiB", false,
                        collected(window).heapAfterGcBytes() / MIB),
                one("soak.heap.last", "the same, at the end", "MiB", false, collected(end).heapAfterGcBytes() / MIB),
                one("soak.threads.first", "server threads, most in the " + first, "count", false,
                        extreme(0, window, SoakSample::threads, true)),
                one("soak.threads.last", "the same, " + last, "count", false,
                        extreme(lastFrom, end, SoakSample::threads, true)),
                one("soak.fds.first", "server open files, most in the " + first, "count", false,
                        extreme(0, window, SoakSample::openFds, true)),
                one("soak.fds.last", "the same, " + last, "count", false,
                        extreme(lastFrom, end, SoakSample::openFds, true))));
        figures.addAll(jobFigures(jobs, window, lastFrom, first, last));
        return figures;
    }

    /** Tasks done per second between the samples nearest to {@code from} and {@code to}. */
    double throughput(double from, double to) {
        SoakSample a = samples.get(nearest(from));
        SoakSample b = samples.get(nearest(to));
        if (b.seconds() <= a.seconds()) {
            throw new IllegalStateException("the soak has no two samples between " + from + " s and " + to + " s");
        }
        return (b.tasksDone() - a.tasksDone()) / (b.seconds() - a.seconds());
    }

    /** The largest or least value of the plain samples nearest to {@code from} and {@code to} and those between. */
    double extreme(double from, double to, ToDoubleFunction<SoakSample> value, boolean largest) {
        return samples.subList(nearest(from), nearest(to) + 1).stream().mapToDouble(value)
                .reduce(largest ? Math::max : Math::min).orElseThrow();
    }

    /**
     * The sample after a full collection nearest to {@code seconds}, or without {@code jcmd} the
     * sample nearest to it.
     */
    SoakSample collected(double seconds) {
        List<SoakSample> collected = samples.stream().filter(SoakSample::afterFullGc).toList();
        List<SoakSample> among = collected.isEmpty() ? samples : collected;
        return among.stream().min(Comparator.comparingDouble(s -> Math.abs(s.seconds() - seconds))).orElseThrow();
    }

    /** The index of the plain sample nearest to {@code seconds}, the earlier of two as near. */
    int nearest(double seconds) {
        int best = -1;
        for (int i = 0; i < samples.size(); i++) {
            boolean nearer = best < 0
                    || Math.abs(samples.get(i).seconds() - seconds) < Math.abs(samples.get(best).seconds() - seconds);
            if (!samples.get(i).afterFullGc() && nearer) {
                best = i;
            }
        }
        return best;
    }

    private List<Measurement> jobFigures(SoakJobs jobs, double window, double lastFrom, String first, String last) {
        List<SoakJobs.BigJob> big = jobs.big();
        List<Measurement> figures = new ArrayList<>(List.of(
                one("soak.jobs.big", "big jobs of " + mix.bigTasks() + " tasks checked", "count", true, big.size()),
                one("soak.jobs.small", "one-task jobs checked", "count", true, jobs.smallMillis().size())));
        // A window without a job of its kind has no median: the row is left out rather than made up.
        if (!jobs.smallMillis().isEmpty()) {
            figures.add(one("soak.small.p50", "one-task job, submission to result, p50", "ms", false,
                    p50(jobs.smallMillis())));
        }
        List<Double> firstBig = big.stream().filter(job -> job.startSeconds() < window)
                .map(SoakJobs.BigJob::seconds).toList();
        List<Double> lastBig = big.stream().filter(job -> job.startSeconds() >= lastFrom)
                .map(SoakJobs.BigJob::seconds).toList();
        if (!firstBig.isEmpty()) {
            figures.add(one("soak.big.first.p50", "big job, submission to its last result, p50, started in the "
                    + first, "s", false, p50(firstBig)));
        }
        if (!lastBig.isEmpty()) {
            figures.add(one("soak.big.last.p50", "the same, started in the " + last, "s", false, p50(lastBig)));
        }
        return figures;
    }

    static double p50(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static Measurement one(String row, String label, String unit, boolean higherIsBetter, double value) {
        return new Measurement(row, label, unit, higherIsBetter, List.of(value));
    }
}
