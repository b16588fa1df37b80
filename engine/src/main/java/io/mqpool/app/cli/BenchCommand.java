package io.mqpool.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqpool.app.bench.Bench;
import io.mqpool.app.bench.BenchReport;
import io.mqpool.app.bench.BenchRow;
import io.mqpool.app.bench.BenchSizes;
import io.mqpool.app.bench.BenchStore;
import io.mqpool.app.bench.Measurement;
import io.mqpool.app.bench.Workloads;
import io.mqpool.config.Durations;
import io.mqpool.config.OneLine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mqpool bench}: the performance workloads, side by side with Python's multiprocessing.Pool. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures mqpool on fresh embedded engines and, when python3 is on the PATH, "
                + "Python's multiprocessing.Pool on the same workloads.",
        footer = {"", "Examples:", "  mqpool bench", "  mqpool bench trivial latency --runs 5",
            "  mqpool bench soak --no-python", "  mqpool bench soak --duration 10m --no-python",
            "  mqpool bench --json > figures.json", "  mqpool bench recovery --no-python",
            "  mqpool bench trivial latency recovery --store jdbc:postgresql://127.0.0.1:5432/bench \\",
            "      --store-user bench --store-password-file ~/.bench-password"})
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "WORKLOAD", arity = "0..*",
            description = "Workloads to run (default all but soak, which runs only when named): "
                    + "${COMPLETION-CANDIDATES}",
            completionCandidates = WorkloadNames.class)
    private List<String> workloads;

    @Option(names = "--json", description = "Print the figures as JSON instead of a table.")
    private boolean json;

    @Option(names = "--runs", paramLabel = "N",
            description = "Measured runs of each workload (default 3; soak runs once).")
    private Integer runs;

    @Option(names = "--duration", paramLabel = "D",
            description = "How long the soak workload runs, such as 10m (default 30m; 40s with --tiny).")
    private String soakDuration;

    @Option(names = "--tiny", description = "Tiny sizes: proves every workload runs, measures nothing useful.")
    private boolean tiny;

    @Option(names = "--no-python", description = "Skip the comparison with Python's multiprocessing.Pool.")
    private boolean noPython;

    @Option(names = "--store", paramLabel = "URL",
            description = "Keep the jobs on this PostgreSQL server (jdbc:postgresql://HOST:PORT/DATABASE) "
                    + "instead of H2: each engine gets a fresh database there (the user needs CREATEDB), "
                    + "dropped after it, and recovery measures a standby's take-over from a killed server.")
    private String storeUrl;

    @Option(names = "--store-user", paramLabel = "USER", description = "The user to sign in to --store as.")
    private String storeUser;

    @Option(names = "--store-password-file", paramLabel = "FILE",
            description = "The file of that user's password, readable by its owner only.")
    private Path storePasswordFile;

    @Override
    public Integer call() throws Exception {
        BenchSizes sizes = tiny ? BenchSizes.tiny() : BenchSizes.standard();
        PrintWriter err = spec.commandLine().getErr();
        if (runs != null) {
            if (runs < 1) {
                return usageError(err, "--runs must be at least 1, got " + runs);
            }
            sizes = sizes.withRuns(runs);
        }
        List<String> names = workloads == null || workloads.isEmpty() ? Workloads.names() : workloads;
        List<String> unknown = names.stream().filter(name -> !Workloads.all().contains(name)).toList();
        if (!unknown.isEmpty()) {
            return usageError(err, "unknown workload '" + unknown.get(0) + "'; workloads: "
                    + String.join(", ", Workloads.all()));
        }
        if (soakDuration != null) {
            if (!names.contains("soak")) {
                return usageError(err, "--duration is the soak workload's, which runs only when named: "
                        + "mqpool bench soak --duration " + soakDuration);
            }
            try {
                sizes = sizes.withSoakDuration(Durations.parse(soakDuration));
            } catch (IllegalArgumentException e) {
                return usageError(err, "--duration: " + e.getMessage());
            }
        }
        BenchStore store;
        try {
            store = store();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The driver's reasons may run over lines: the first says what is wrong.
            return usageError(err, OneLine.messageOf(e));
        }
        err.println("bench: store: " + store.description());
        List<BenchRow> rows = new Bench(sizes, store, what -> {
            err.println("bench: " + what);
            err.flush();
        }).run(names, !noPython);
        print(BenchReport.of(store, rows), rows);
        return ExitCodes.DONE;
    }

    /** The figures as JSON, or as a table under the machine and the store they were measured on. */
    private void print(BenchReport report, List<BenchRow> rows) throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            out.println("machine: " + report.machine().summary());
            out.println("store: " + report.store());
            table(rows).print(out);
        }
        out.flush();
    }

    /**
     * The store of {@code --store}, checked before anything runs, or H2.
     *
     * @throws IllegalArgumentException or IllegalStateException with one line for the user
     */
    private BenchStore store() {
        if (storeUrl == null) {
            if (storeUser != null || storePasswordFile != null) {
                throw new IllegalArgumentException("--store-user and --store-password-file need --store, the "
                        + "PostgreSQL server they sign in to");
            }
            return BenchStore.embeddedH2();
        }
        if (storePasswordFile != null && storeUser == null) {
            throw new IllegalArgumentException("--store-password-file needs --store-user, whose password it holds");
        }
        return BenchStore.postgresql(storeUrl, Optional.ofNullable(storeUser), Optional.ofNullable(storePasswordFile));
    }

    private static TextTable table(List<BenchRow> rows) {
        TextTable table = new TextTable("workload", "figure", "mqpool median", "min–max", "unit", "Python median",
                "mqpool/Python");
        for (BenchRow row : rows) {
            Measurement m = row.mqpool();
            table.row(m.row(), m.label(), number(m.median()), number(m.min()) + "–" + number(m.max()), m.unit(),
                    row.python() == null ? null : number(row.python().median()),
                    row.ratio() == null ? null : String.format(Locale.ROOT, "%.2f×", row.ratio()));
        }
        return table;
    }

    private static int usageError(PrintWriter err, String message) {
        err.println("mqpool: " + message);
        err.flush();
        return ExitCodes.USAGE;
    }

    private static String number(double value) {
        if (value >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    /** The workload names for picocli's help. */
    static final class WorkloadNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Workloads.all().iterator();
        }
    }
}
