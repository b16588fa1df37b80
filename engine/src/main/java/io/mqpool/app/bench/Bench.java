package io.mqpool.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the chosen workloads one after another and gathers their figures; then, if asked,
 * Python's on the same workloads. Python runs last so the two never share the cores.
 */
public final class Bench {

    private final BenchSizes sizes;
    private final BenchStore store;
    private final Workload.Progress progress;

    /** @param store where the engines keep their jobs, a fresh one for each engine */
    public Bench(BenchSizes sizes, BenchStore store, Workload.Progress progress) {
        this.sizes = sizes;
        this.store = store;
        this.progress = progress;
    }

    /**
     * Blocks until every workload has run.
     *
     * @param names workloads to run, in this order
     * @param compareWithPython whether to run Python's side too (skipped, with a note, without python3)
     * @return one row per figure, in the order measured
     * @throws IllegalArgumentException naming the workloads there are, if a name is unknown
     */
    public List<BenchRow> run(List<String> names, boolean compareWithPython) throws Exception {
        List<Workload> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(Workloads.find(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown workload '" + name + "'; workloads: " + String.join(", ", Workloads.all()))));
        }
        List<Measurement> figures = new ArrayList<>();
        for (Workload workload : chosen) {
            figures.addAll(workload.run(sizes, store, what -> progress.note(workload.name() + ": " + what)));
        }
        Map<String, Measurement> python = compareWithPython ? python(names, figures) : Map.of();
        return figures.stream().map(m -> new BenchRow(m, python.get(m.row()))).toList();
    }

    /** Python's figures; a failure there costs the comparison, not mqpool's figures measured so far. */
    private Map<String, Measurement> python(List<String> names, List<Measurement> figures) throws InterruptedException {
        Workload.Progress python = what -> progress.note("python: " + what);
        try {
            return new PythonPool().measure(sizes, names, figures, python);
        } catch (RuntimeException e) {
            python.note("failed, so there is no comparison: " + e.getMessage());
            return Map.of();
        }
    }
}
