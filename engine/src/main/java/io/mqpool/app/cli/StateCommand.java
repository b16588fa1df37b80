package io.mqpool.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.app.client.ApiClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mqpool state}: what the server's tasks share. Without a name, a table of every
 * counter, array, map, list, lock and semaphore; with one, that one and its contents; with
 * {@code --release}, forces a lock or semaphore free; with {@code --delete}, removes it.
 */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = {"Lists what the tasks share (TaskContext.counter, array, map, list, lock, semaphore),",
            "shows one with its contents, forces a lock free, or deletes one."},
        footer = {"", "Examples:", "  mqpool state", "  mqpool state squares --kind array",
            "  mqpool state console --release", "  mqpool state sum --delete"})
final class StateCommand extends ClientCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Show only this one.")
    String name;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "counter, array, map, list, lock or semaphore, when several kinds share the name.")
    String kind;

    @Option(names = "--release", description = "Force the lock or semaphore NAME free: its holders lose it.")
    boolean release;

    @Option(names = "--delete", description = "Delete NAME (a counter reads 0 again, a map or list is emptied).")
    boolean delete;

    @Option(names = "--json", description = "Print the API's JSON.")
    boolean jsonOutput;

    @Override
    int run(ApiClient api) {
        if ((release || delete || kind != null) && name == null) {
            throw CliException.badInput("--release, --delete and --kind need a NAME, such as: mqpool state console --release");
        }
        if (release && delete) {
            throw CliException.badInput("--release and --delete do not go together: release first, then delete");
        }
        if (release) {
            JsonNode released = api.releaseState(name);
            out().println("released " + released.path("released").asInt() + " hold(s) of '" + name + "'");
            return ExitCodes.DONE;
        }
        if (delete) {
            api.deleteState(name, kind);
            out().println("deleted '" + name + "'");
            return ExitCodes.DONE;
        }
        JsonNode state = name == null ? api.state() : api.state(name, kind);
        if (jsonOutput || name != null) {
            printJson(state);
        } else {
            printTable(state, out());
        }
        return ExitCodes.DONE;
    }

    static void printTable(JsonNode state, PrintWriter out) {
        TextTable table = new TextTable("NAME", "KIND", "VALUE", "UPDATED");
        for (JsonNode counter : state.path("counters")) {
            table.row(counter.path("name").asText(), "counter", counter.path("value").asText(),
                    counter.path("updatedAt").asText());
        }
        for (JsonNode array : state.path("arrays")) {
            table.row(array.path("name").asText(), "array", "size " + array.path("size").asInt(),
                    array.path("updatedAt").asText());
        }
        for (JsonNode map : state.path("maps")) {
            table.row(map.path("name").asText(), "map", map.path("size").asInt() + " entries", "");
        }
        for (JsonNode list : state.path("lists")) {
            table.row(list.path("name").asText(), "list", list.path("size").asInt() + " items", "");
        }
        for (JsonNode lock : state.path("locks")) {
            table.row(lock.path("name").asText(), lock.path("kind").asText(), holders(lock), "");
        }
        table.print(out);
    }

    /** Such as {@code held by w2 (fence 7), 1 waiting} or {@code free (fence 7)}. */
    private static String holders(JsonNode lock) {
        List<String> by = new ArrayList<>();
        for (JsonNode holder : lock.path("holders")) {
            by.add(holder.path("worker").asText() + " (fence " + holder.path("fence").asLong() + ")");
        }
        String held = by.isEmpty() ? "free (fence " + lock.path("fence").asLong() + ")" : "held by " + String.join(", ", by);
        if ("semaphore".equals(lock.path("kind").asText())) {
            held += ", " + by.size() + " of " + lock.path("permits").asInt() + " permits";
        }
        int waiting = lock.path("waiting").asInt();
        return waiting == 0 ? held : held + ", " + waiting + " waiting";
    }
}
