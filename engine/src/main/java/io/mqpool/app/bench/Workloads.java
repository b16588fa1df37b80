package io.mqpool.app.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every workload of {@code mqpool bench}, in the order they run. */
public final class Workloads {

    private static final Map<String, Workload> ALL = new LinkedHashMap<>();

    static {
        for (Workload workload : List.of(new TrivialWorkload(), new LatencyWorkload(), new CpuWorkload(),
                new SleepWorkload(), new StartupWorkload(), new DemoWorkload(), new MemoryWorkload(), new RecoveryWorkload(),
                new StateWorkload(), new FairnessWorkload())) {
            ALL.put(workload.name(), workload);
        }
    }

    private Workloads() {
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    static Optional<Workload> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }
}
