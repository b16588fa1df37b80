package io.mqpool.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Path;
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

    /**
     * Where the figures were measured.
     *
     * @param diskSyncP50Ms a 4 KiB write and its fsync where the stores are kept, the median (see
     *     {@link DiskSync})
     * @param diskSyncP99Ms the same, the 99th percentile
     */
    public record Machine(int cores, String java, String os, double diskSyncP50Ms, double diskSyncP99Ms) {

        /** Such as {@code 2 cores, Java 17.0.15+6, Linux 6.1.0 amd64, disk sync p50 0.39 ms, p99 7.02 ms}. */
        public String summary() {
            return cores + " cores, Java " + java + ", " + os + ", "
                    + new DiskSync(diskSyncP50Ms, diskSyncP99Ms).summary();
        }

        static Machine current() {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            DiskSync sync = DiskSync.measure(Path.of(System.getProperty("java.io.tmpdir")));
            return new Machine(Runtime.getRuntime().availableProcessors(), Runtime.version().toString(),
                    os.getName() + " " + os.getVersion() + " " + os.getArch(), sync.p50Millis(), sync.p99Millis());
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
