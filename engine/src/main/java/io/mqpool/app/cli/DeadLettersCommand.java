package io.mqpool.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.app.client.ApiClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mqpool dead-letters}: what sits on the broker's dead-letter queue; {@code drop} and {@code resend} deal with it. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = {"Lists the messages on the broker's dead-letter queue, oldest first: id, kind (task-chunk,",
            "result, state-request, supervisor-message or unreadable), job, chunk, the queue it came from,",
            "when, deliveries and why it is there."},
        subcommands = {DeadLettersDropCommand.class, DeadLettersResendCommand.class},
        footer = {"", "Example:", "  mqpool dead-letters", "  mqpool dead-letters drop 0b9e6f3c-2c1d-4e6f-9a7b-1c2d3e4f5a6b",
            "  mqpool dead-letters drop --all", "  mqpool dead-letters resend 0b9e6f3c-2c1d-4e6f-9a7b-1c2d3e4f5a6b"})
final class DeadLettersCommand extends ClientCommand {

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "Show at most N, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the API's JSON.")
    boolean jsonOutput;

    @Override
    int run(ApiClient api) {
        JsonNode page = api.deadLetters(limit);
        if (jsonOutput) {
            printJson(page);
        } else {
            printTable(page, out());
        }
        return ExitCodes.DONE;
    }

    static void printTable(JsonNode page, PrintWriter out) {
        JsonNode letters = page.path("deadLetters");
        if (letters.isEmpty()) {
            out.println("no dead letters");
            out.flush();
            return;
        }
        TextTable table = new TextTable("ID", "KIND", "JOB", "CHUNK", "FROM", "AT", "DELIVERIES", "REASON");
        for (JsonNode letter : letters) {
            table.row(text(letter, "id"), text(letter, "kind"), text(letter, "job"), text(letter, "chunk"),
                    text(letter, "from"), letter.hasNonNull("at") ? Timestamps.display(letter.get("at").asText()) : "-",
                    text(letter, "deliveries"), text(letter, "reason"));
        }
        table.print(out);
        if (page.path("more").asBoolean()) {
            out.println("(more follow: show more with --limit, up to 1000)");
        }
        out.flush();
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : "-";
    }
}
