package io.mqpool.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.app.client.ApiClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mqpool state}: the shared counters of the server's tasks. */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = "Lists the shared counters the tasks use (TaskContext.counter): name, value, last change.",
        footer = {"", "Example:", "  mqpool state"})
final class StateCommand extends ClientCommand {

    @Option(names = "--json", description = "Print the API's JSON.")
    boolean jsonOutput;

    @Override
    int run(ApiClient api) {
        JsonNode state = api.state();
        if (jsonOutput) {
            printJson(state);
        } else {
            printTable(state, out());
        }
        return ExitCodes.DONE;
    }

    static void printTable(JsonNode state, PrintWriter out) {
        TextTable table = new TextTable("NAME", "KIND", "VALUE", "UPDATED");
        for (JsonNode counter : state.path("counters")) {
            table.row(counter.path("name").asText(), counter.path("kind").asText(),
                    counter.path("value").asText(), counter.path("updatedAt").asText());
        }
        table.print(out);
    }
}
