package io.mqpool.app.cli;

import io.mqpool.app.client.ApiClient;
import io.mqpool.app.client.ApiRefusedException;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mqpool dead-letters drop ID...|--all}: removes dead letters for good. */
@Command(name = "drop", mixinStandardHelpOptions = true,
        description = "Removes dead letters from the broker for good: those named, or all of them.",
        footer = {"", "Example:", "  mqpool dead-letters drop 0b9e6f3c-2c1d-4e6f-9a7b-1c2d3e4f5a6b",
            "  mqpool dead-letters drop --all"})
final class DeadLettersDropCommand extends DeadLettersSubcommand {

    @ArgGroup(multiplicity = "1")
    Which which;

    /** Either ids or --all. */
    static final class Which {
        @Parameters(paramLabel = "ID", arity = "1..*", description = "The dead letters' ids (see mqpool dead-letters).")
        List<String> ids;

        @Option(names = "--all", required = true, description = "Drop every dead letter.")
        boolean all;
    }

    @Override
    int run(ApiClient api) {
        if (which.all) {
            long dropped = api.dropAllDeadLetters();
            out().println("dropped " + dropped + (dropped == 1 ? " dead letter" : " dead letters"));
            out().flush();
            return ExitCodes.DONE;
        }
        int refused = 0;
        for (String id : which.ids) {
            try {
                api.dropDeadLetter(id);
                out().println("dropped " + id);
            } catch (ApiRefusedException e) {
                refused++;
                err().println("mqpool: " + e.getMessage());
            }
        }
        out().flush();
        err().flush();
        return refused == 0 ? ExitCodes.DONE : ExitCodes.USAGE;
    }
}
