package io.mqpool.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.app.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mqpool workers scale N}: more workers start; fewer drain (finish their chunk, then exit). */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Scales the server's workers to N. New workers start at once; surplus workers",
            "finish the chunk they hold, then exit, so no task is lost or run twice."},
        footer = {"", "Example:", "  mqpool workers scale 2"})
final class WorkersScaleCommand extends WorkersSubcommand {

    @Parameters(index = "0", paramLabel = "N", description = "How many workers to run.")
    int count;

    @Option(names = "--json", description = "Print the API's JSON.")
    boolean jsonOutput;

    @Override
    int run(ApiClient api) {
        JsonNode workers = api.scale(count);
        if (jsonOutput) {
            printJson(workers);
        } else {
            out().println("scaling to " + count + " workers");
            WorkersCommand.printTable(workers, out());
        }
        return ExitCodes.DONE;
    }
}
