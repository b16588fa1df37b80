package io.mqpool.app.cli;

import io.mqpool.app.client.ApiClient;
import io.mqpool.app.client.ResultOrder;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mqpool results ID}: the results so far, or with {@code --follow} until the job ends. */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = {"Prints a job's results so far on stdout, one per line: strings raw, anything else",
            "as JSON; a failed task as 'task <i> failed: ...' on stderr. --follow streams them until",
            "the job ends, with progress on stderr. --joblog also writes one tab-separated line per task",
            "(index, worker, start, duration, attempt, outcome, exit) to a file, as GNU parallel's does.",
            "Exit codes: 0 no failures, 1 tasks failed or cancelled, 2 no such job, 3 server unreachable, "
                    + "4 timed out."},
        footer = {"", "Example:", "  mqpool results 7f3c2a --follow", "  mqpool results 7f3c2a --unordered --json",
            "  mqpool results 7f3c2a --follow --joblog 7f3c2a.log"})
final class ResultsCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The job's id.")
    String id;

    @Option(names = "--unordered", description = "In the order tasks finished, not the inputs' order.")
    boolean unordered;

    @Option(names = "--follow", description = "Keep printing results until the job ends.")
    boolean follow;

    @Option(names = "--json", description = "Each outcome as the API's JSON, one per line.")
    boolean jsonOutput;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "With --follow: auto (a bar on a terminal, else a line every 2 s), bar, lines or none.")
    String progress;

    @Option(names = "--joblog", paramLabel = "FILE",
            description = "Also write one tab-separated line per task to FILE (replaced): Seq, Host, Starttime, "
                    + "JobRuntime, Attempt, Outcome, Exitval, Signal, Exit, Error.")
    Path jobLogFile;

    @Override
    int run(ApiClient api) {
        ProgressMode mode = ProgressMode.of(progress);
        ResultOrder order = ResultOrder.of(unordered);
        // Opened first: a file that cannot be written stops the command before it asks the server anything.
        try (JobLog jobLog = jobLogFile == null ? null : JobLog.open(jobLogFile)) {
            if (follow) {
                return followResults(api, id, order, jsonOutput, mode, jobLog);
            }
            return soFar(api, order, jobLog);
        }
    }

    private int soFar(ApiClient api, ResultOrder order, JobLog jobLog) {
        ResultStream stream = new ResultStream(api, new ResultPrinter(out(), err(), json(), jsonOutput),
                new ProgressReporter(err(), ProgressMode.NONE, Clock.systemUTC(),
                        ProgressReporter.LINE_INTERVAL),
                Clock.systemUTC(), jobLog);
        JobEnd end = stream.soFar(id, order);
        end.note().ifPresent(note -> err().println("mqpool: " + note));
        err().flush();
        return end.exitCode();
    }
}
