package io.mqpool.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.app.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mqpool tasks}: the tasks the server's workers can run. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "Lists the registered tasks with their signatures.",
        footer = {"", "Example:", "  mqpool tasks"})
final class TasksCommand extends ClientCommand {

    @Option(names = "--json", description = "Print the API's JSON (with argument and result types).")
    boolean jsonOutput;

    @Override
    int run(ApiClient api) {
        JsonNode tasks = api.tasks();
        if (jsonOutput) {
            printJson(tasks);
            return ExitCodes.DONE;
        }
        TextTable table = new TextTable("NAME", "SIGNATURE");
        for (JsonNode task : tasks) {
            table.row(task.path("name").asText(), task.path("signature").asText("-"));
        }
        table.print(out());
        return ExitCodes.DONE;
    }
}
