package io.mqpool.app.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every workload of {@code mqpool bench}, in the order they run: those of a plain
 * {@code mqpool bench}, then those that run only when named, as the soak, which takes half an hour.
 */
public final class Workloads {

    private static final Map<String, Workload> ALL = new LinkedHashMap<>();
    private static final List<String> DEFAULT;

    static {
        List<Workload> byDefault = List.of(new TrivialWorkload(), new LatencyWorkload(), new CpuWorkload(),
                new SleepWorkload(), new StartupWorkload(), new DemoWorkload(), new MemoryWorkload(),
                new RecoveryWorkload(), new StateWorkload(), new FairnessWorkload());
        for (Workload workload : byDefault) {
            ALL.put(workload.name(), workload);
        }
        DEFAULT = List.copyOf(ALL.keySet());
        for (Workload workload : List.of(new SoakWorkload())) {
            ALL.put(workload.name(), workload);
        }
    }

    private Workloads() {
    }

    /** The workloads of {@code mqpool bench} without names. */
    public static List<String> names() {
        return DEFAULT;
    }

    /** Every workload, those that run only on request last. */
    public static List<String> all() {
        return List.copyOf(ALL.keySet());
    }

    static Optional<Workload> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }
}
