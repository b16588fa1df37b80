package io.mqpool.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.app.client.ApiClient;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mqpool jobs}: a table of jobs, newest first. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Lists jobs, newest first: id, task, state, done/total, failed, created.",
        subcommands = JobsDeleteCommand.class,
        footer = {"", "Example:", "  mqpool jobs --state RUNNING", "  mqpool jobs --limit 100 --json",
            "  mqpool jobs delete 7f3c2a"})
final class JobsCommand extends ClientCommand {

    @Option(names = "--state", paramLabel = "STATE",
            description = "Only jobs in this state: RUNNING, COMPLETED, FAILED, CANCELLED, TIMED_OUT.")
    String state;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N jobs (default 20).")
    int limit;

    @Option(names = "--before", paramLabel = "CURSOR", description = "The page after a previous listing.")
    String before;

    @Option(names = "--json", description = "Print the API's JSON.")
    boolean jsonOutput;

    @Override
    int run(ApiClient api) {
        JsonNode page = api.jobs(state == null ? null : state.toUpperCase(Locale.ROOT), limit, before);
        if (jsonOutput) {
            printJson(page);
            return ExitCodes.DONE;
        }
        TextTable table = new TextTable("ID", "TASK", "STATE", "DONE/TOTAL", "FAILED", "CREATED");
        for (JsonNode node : page.path("jobs")) {
            JobView job = JobView.of(node, json());
            table.row(job.id(), job.task(), job.state(), job.finished() + "/" + job.totalText(), job.failed(),
                    Timestamps.display(job.createdAt()));
        }
        table.print(out());
        if (page.hasNonNull("next")) {
            err().println("more: mqpool jobs --before " + page.get("next").asText()
                    + (state == null ? "" : " --state " + state));
            err().flush();
        }
        return ExitCodes.DONE;
    }
}
