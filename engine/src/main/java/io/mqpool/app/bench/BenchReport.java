package io.mqpool.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;
import java.util.Objects;

/**
 * The figures of one bench as {@code mqpool bench --json} prints them: the machine, the store the
 * engines kept their jobs in, then one entry per row with mqpool's runs and summary, Python's (or
 * null) and their ratio (or null).
 *
 * @param store such as {@code H2 (embedded)} or {@code PostgreSQL 15.18 at jdbc:postgresql://…}
 */
public record BenchReport(Machine machine, String store, List<Row> rows) {

    public BenchReport {
        Objects.requireNonNull(store, "store");
        rows = List.copyOf(rows);
    }

    public static BenchReport of(BenchStore store, List<BenchRow> rows) {
        return new BenchReport(Machine.current(), store.description(), rows.stream().map(Row::of).toList());
    }

    /** Where the figures were measured. */
    public record Machine(int cores, String java, String os) {

        /** Such as {@code 2 cores, Java 17.0.15+6, Linux 6.1.0 amd64}. */
        public String summary() {
            return cores + " cores, Java " + java + ", " + os;
        }

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
