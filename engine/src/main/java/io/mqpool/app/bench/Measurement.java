package io.mqpool.app.bench;

import java.util.List;
import java.util.Objects;

/**
 * One figure of a workload, measured once per run.
 *
 * @param row a stable id such as {@code trivial.default}, shared with the Python side
 * @param label what the figure is, for the table
 * @param unit the unit of every value
 * @param higherIsBetter whether a larger value is better (tasks/s) or worse (ms)
 * @param runs one value per run, in the order measured
 */
public record Measurement(String row, String label, String unit, boolean higherIsBetter, List<Double> runs) {

    public Measurement {
        Objects.requireNonNull(row, "row");
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a measurement needs at least one run: " + row);
        }
    }

    public double median() {
        List<Double> sorted = runs.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    public double min() {
        return runs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    public double max() {
        return runs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
