package io.mqpool.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;

/**
 * The figures of one bench as {@code mqpool bench --json} prints them: the machine, then one
 * entry per row with mqpool's runs and summary, Python's (or null) and their ratio (or null).
 */
public record BenchReport(Machine machine, List<Row> rows) {

    public BenchReport {
        rows = List.copyOf(rows);
    }

    public static BenchReport of(List<BenchRow> rows) {
        return new BenchReport(Machine.current(), rows.stream().map(Row::of).toList());
    }

    /** Where the figures were measured. */
    public record Machine(int cores, String java, String os) {

        static Machine current() {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            return new Machine(Runtime.getRuntime().availableProcessors(), Runtime.version().toString(),
                    os.getName() + " " + os.getVersion() + " " + os.getArch());
        }
    }

    /** One row; {@code python} and {@code ratio} are null without a Python figure. */
    public record Row(String row, String label, String unit, boolean higherIsBetter, List<Double> runs,
                      double median, double min, double max, Figures python, Double ratio) {

        static Row of(BenchRow row) {
            Measurement m = row.mqpool();
            return new Row(m.row(), m.label(), m.unit(), m.higherIsBetter(), m.runs(), m.median(), m.min(), m.max(),
                    row.python() == null ? null : Figures.of(row.python()), row.ratio());
        }
    }

    /** Python's runs of a row and their summary. */
    public record Figures(List<Double> runs, double median, double min, double max) {

        static Figures of(Measurement m) {
            return new Figures(m.runs(), m.median(), m.min(), m.max());
        }
    }
}
