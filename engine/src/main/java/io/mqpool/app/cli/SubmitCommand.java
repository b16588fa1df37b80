package io.mqpool.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mqpool.app.client.ApiClient;
import io.mqpool.app.client.ResultOrder;
import io.mqpool.config.Durations;
import io.mqpool.jobs.JobPriority;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mqpool submit}: submits a job and prints its id, or with {@code --wait} watches it and
 * prints its results. The job's mode is {@code map}, {@code starmap} with {@code --star}, or
 * {@code imap_unordered} with {@code --unordered}; {@code --wait} reads results through the
 * paged results endpoint either way, so {@code map} already streams them in input order.
 */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Submits a job and prints its id.",
            "With --wait, shows progress on stderr, then prints the results on stdout, one per line:",
            "strings raw, anything else as JSON; a failed task as 'task <i> failed: ...' on stderr.",
            "Exit codes with --wait: 0 all done, 1 tasks failed or cancelled, 2 bad input, "
                    + "3 server unreachable, 4 timed out."},
        footer = {"", "Example:",
            "  mqpool submit compute_square --range 1..16 --wait",
            "  mqpool submit compute_power --star '[2,3]' '[3,4]' --wait",
            "  mqpool submit echo --input args.jsonl --chunksize 10"})
final class SubmitCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "TASK", description = "A registered task (see: mqpool tasks).")
    String task;

    @Parameters(index = "1..*", paramLabel = "ARG",
            description = "One task argument each, as JSON (3, [2,5], \"x\"); a bare word is a string.")
    List<String> words = new ArrayList<>();

    @Option(names = "--range", paramLabel = "A..B", description = "The whole numbers A to B as arguments.")
    String range;

    @Option(names = "--input", paramLabel = "FILE", description = "One JSON argument per line (JSON Lines).")
    Path input;

    @Option(names = "--star", description = "starmap: each argument is a JSON list of the task's arguments.")
    boolean star;

    @Option(names = "--unordered", description = "imap_unordered: results in the order tasks finish.")
    boolean unordered;

    @Option(names = "--chunksize", paramLabel = "K", description = "Tasks per message to a worker.")
    Integer chunksize;

    @Option(names = "--task-timeout", paramLabel = "D", description = "Time limit of one task, such as 30s.")
    String taskTimeout;

    @Option(names = "--timeout", paramLabel = "D", description = "Time limit of the whole job, such as 5m.")
    String timeout;

    @Option(names = "--retries", paramLabel = "R", description = "Deliveries again after a worker dies.")
    Integer retries;

    @Option(names = "--retry-timeouts",
            description = "Try a task that ran past its --task-timeout again (up to --retries); "
                    + "by default it fails at once.")
    boolean retryTimeouts;

    @Option(names = "--max-in-flight", paramLabel = "N",
            description = "At most N of the job's tasks on workers at once (rounded up to whole chunks).")
    Integer maxInFlight;

    @Option(names = "--retention", paramLabel = "D",
            description = "Keep the finished job this long, such as 12h or 30d; 0 keeps it forever "
                    + "(default: the server's jobs.retention).")
    String retention;

    @Option(names = "--priority", paramLabel = "P",
            description = "low, normal (the default) or high: a higher job's tasks go to workers ahead of a "
                    + "lower one's.")
    String priority;

    @Option(names = "--wait", description = "Watch the job and print its results.")
    boolean await;

    @Option(names = "--json", description = "Print the job as JSON (with --wait: each outcome as a JSON line).")
    boolean jsonOutput;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "With --wait: auto (a bar on a terminal, else a line every 2 s), bar, lines or none.")
    String progress;

    @Override
    int run(ApiClient api) {
        ProgressMode mode = ProgressMode.of(progress);
        ObjectNode body = body();
        JsonNode view = api.submit(body);
        JobView job = JobView.of(view, json());
        if (!await) {
            if (jsonOutput) {
                printJson(view);
            } else {
                out().println(job.id());
                out().flush();
            }
            return ExitCodes.DONE;
        }
        // stdout carries only the results, so they pipe; the id goes where the progress goes.
        err().println("submitted job " + job.id() + ": " + job.totalText()
                + (Long.valueOf(1).equals(job.total()) ? " task of " : " tasks of ") + job.task());
        err().flush();
        return followResults(api, job.id(), ResultOrder.of(unordered), jsonOutput, mode);
    }

    /** The request body of {@code POST /api/jobs}, checked as far as the client can. */
    ObjectNode body() {
        int sources = (words.isEmpty() ? 0 : 1) + (range == null ? 0 : 1) + (input == null ? 0 : 1);
        if (sources != 1) {
            throw CliException.badInput((sources == 0 ? "no arguments" : "arguments from more than one place")
                    + ": give ARG..., --range A..B or --input FILE, one of them");
        }
        ObjectNode body = json().createObjectNode();
        body.put("task", task);
        body.put("mode", star ? "starmap" : unordered ? "imap_unordered" : "map");
        if (range != null) {
            if (star) {
                throw CliException.badInput("--range gives single numbers but --star needs lists; "
                        + "use ARG... or --input FILE with --star");
            }
            body.put("range", RangeArgument.parse(range).toString());
        } else {
            JsonArguments arguments = new JsonArguments(json());
            body.set("args", input != null ? arguments.file(input, star) : arguments.words(words, star));
        }
        if (chunksize != null) {
            body.put("chunksize", chunksize);
        }
        putDuration(body, "taskTimeout", "--task-timeout", taskTimeout);
        putDuration(body, "retention", "--retention", retention);
        putDuration(body, "timeout", "--timeout", timeout);
        if (priority != null) {
            try {
                body.put("priority", JobPriority.parse(priority).label());
            } catch (IllegalArgumentException e) {
                throw CliException.badInput("--priority must be one of " + JobPriority.names() + ", got '"
                        + priority + "'");
            }
        }
        if (retries != null) {
            body.put("retries", retries);
        }
        if (retryTimeouts) {
            body.put("retryTimeouts", true);
        }
        if (maxInFlight != null) {
            body.put("maxInFlight", maxInFlight);
        }
        return body;
    }

    private static void putDuration(ObjectNode body, String field, String flag, String text) {
        if (text == null) {
            return;
        }
        try {
            body.put(field, Durations.format(Durations.parse(text)));
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(flag + ": " + e.getMessage());
        }
    }
}
