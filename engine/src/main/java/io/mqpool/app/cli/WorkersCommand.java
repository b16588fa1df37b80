package io.mqpool.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.app.client.ApiClient;
import io.mqpool.config.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mqpool workers}: the server's worker processes; {@code workers scale N} changes their number. */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = "Lists the worker processes, the server's and those of other hosts: id, host, pid, "
                + "state, job, task (the chunk's indexes), tasks done, uptime, restarts.",
        subcommands = {WorkersScaleCommand.class, WorkersDrainCommand.class},
        footer = {"", "Example:", "  mqpool workers", "  mqpool workers scale 8", "  mqpool workers drain hostb-4711"})
final class WorkersCommand extends ClientCommand {

    @Option(names = "--json", description = "Print the API's JSON.")
    boolean jsonOutput;

    @Override
    int run(ApiClient api) {
        JsonNode workers = api.workers();
        if (jsonOutput) {
            printJson(workers);
        } else {
            printTable(workers, out());
        }
        return ExitCodes.DONE;
    }

    static void printTable(JsonNode workers, PrintWriter out) {
        TextTable table = new TextTable("ID", "HOST", "PID", "STATE", "JOB", "TASK", "DONE", "UPTIME", "RESTARTS");
        for (JsonNode w : workers) {
            // A remote worker's host by its supervisor's id, which 'workers drain' takes.
            table.row(text(w, "id"), w.hasNonNull("hostId") ? text(w, "hostId") : text(w, "host"), text(w, "pid"), text(w, "state"), text(w, "job"), tasks(w),
                    text(w, "tasksDone"), uptime(w), text(w, "restarts"));
        }
        table.print(out);
    }

    /** The indexes of the tasks the worker runs: {@code 4}, or {@code 4-7} for a chunk of four. */
    static String tasks(JsonNode worker) {
        if (!worker.hasNonNull("firstIndex")) {
            return "-";
        }
        long first = worker.get("firstIndex").asLong();
        long size = worker.path("size").asLong(1);
        return size <= 1 ? Long.toString(first) : first + "-" + (first + size - 1);
    }

    private static String uptime(JsonNode worker) {
        return worker.hasNonNull("uptimeMs")
                ? Durations.forPeople(Duration.ofMillis(worker.get("uptimeMs").asLong())) : "-";
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : "-";
    }
}
