package io.mqpool.app.cli;

import io.mqpool.app.client.ApiClient;
import io.mqpool.app.client.ApiRefusedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code mqpool jobs delete ID...}: deletes finished jobs and everything of them now, rather than
 * when their retention ends. Each id is tried; a running job or an unknown id is one line on
 * stderr, and makes the exit code 2 once the rest are done.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Deletes finished jobs with their results now (they are deleted anyway once",
            "their retention ends; see the setting jobs.retention). A running job is refused:",
            "cancel it first. Exit codes: 0 every job deleted, 2 one was running or unknown, "
                    + "3 server unreachable."},
        footer = {"", "Example:", "  mqpool jobs delete 7f3c2a 9b1e04"})
final class JobsDeleteCommand extends ClientCommand {

    @ParentCommand
    JobsCommand parent;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "ID", description = "The jobs' ids.")
    List<String> ids = new ArrayList<>();

    @Override
    String serverFlag() {
        return server != null ? server : parent.serverFlag();
    }

    @Override
    Path tokenFileFlag() {
        return tokenFile != null ? tokenFile : parent.tokenFileFlag();
    }

    @Override
    int run(ApiClient api) {
        int exit = ExitCodes.DONE;
        for (String id : ids) {
            try {
                api.deleteJob(id);
                out().println("deleted job " + id);
            } catch (ApiRefusedException e) {
                out().flush();
                err().println("mqpool: " + (e.status() == 409
                        ? "job " + id + " is still running; cancel it first: mqpool cancel " + id
                        : e.getMessage()));
                exit = ExitCodes.USAGE;
            }
        }
        out().flush();
        err().flush();
        return exit;
    }
}
