package io.mqpool.app.bench;

import java.util.Objects;

/**
 * One row of the bench's table: mqpool's figure and, when python3 ran the same workload,
 * Python's.
 *
 * @param python null when there is no Python figure for this row
 */
public record BenchRow(Measurement mqpool, Measurement python) {

    public BenchRow {
        Objects.requireNonNull(mqpool, "mqpool");
        if (python != null && !python.row().equals(mqpool.row())) {
            throw new IllegalArgumentException("Python's " + python.row() + " paired with mqpool's " + mqpool.row());
        }
    }

    /**
     * mqpool's median over Python's: above 1 means more of the unit (faster for tasks/s,
     * slower for ms).
     *
     * @return null without a Python figure, or when Python's median is 0
     */
    public Double ratio() {
        if (python == null || python.median() == 0) {
            return null;
        }
        return mqpool.median() / python.median();
    }
}
