package io.mqpool.bench;

import java.util.ArrayList;
import java.util.List;

/** Runs the chosen workloads one after another and gathers their figures. */
public final class Bench {

    private final BenchSizes sizes;
    private final Workload.Progress progress;

    public Bench(BenchSizes sizes, Workload.Progress progress) {
        this.sizes = sizes;
        this.progress = progress;
    }

    /**
     * @param names workloads to run, in this order
     * @throws IllegalArgumentException naming the workloads there are, if a name is unknown
     */
    public List<Measurement> run(List<String> names) throws Exception {
        List<Workload> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(Workloads.find(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown workload '" + name + "'; workloads: " + String.join(", ", Workloads.names()))));
        }
        List<Measurement> figures = new ArrayList<>();
        for (Workload workload : chosen) {
            figures.addAll(workload.run(sizes, what -> progress.note(workload.name() + ": " + what)));
        }
        return figures;
    }
}
