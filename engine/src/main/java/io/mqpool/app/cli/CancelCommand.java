package io.mqpool.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.app.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mqpool cancel ID}: cancels a job's pending and running tasks. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancels a job's pending and running tasks; finished results are kept.",
        footer = {"", "Example:", "  mqpool cancel 7f3c2a"})
final class CancelCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The job's id.")
    String id;

    @Option(names = "--json", description = "Print the job as the API's JSON.")
    boolean jsonOutput;

    @Override
    int run(ApiClient api) {
        JsonNode answer = api.cancel(id);
        if (jsonOutput) {
            printJson(answer);
            return ExitCodes.DONE;
        }
        JobView job = JobView.of(answer, json());
        String counts = job.finished() + " of " + job.totalText() + " tasks had finished";
        out().println(JobView.CANCELLED.equals(job.state())
                ? "cancelled job " + job.id() + ": " + counts
                : "job " + job.id() + " is " + job.state() + ": " + counts);
        out().flush();
        return ExitCodes.DONE;
    }
}
