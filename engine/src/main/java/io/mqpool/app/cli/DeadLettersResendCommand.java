package io.mqpool.app.cli;

import io.mqpool.app.client.ApiClient;
import io.mqpool.app.client.ApiRefusedException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mqpool dead-letters resend ID...}: sends dead task chunks to the workers again. */
@Command(name = "resend", mixinStandardHelpOptions = true,
        description = {"Sends dead task chunks to the workers again and removes them from the dead letters.",
            "Refused for anything but a task chunk, and for a chunk of a job that is no longer running.",
            "A task that already has an outcome keeps it: a chunk sent again never records a second one."},
        footer = {"", "Example:", "  mqpool dead-letters resend 0b9e6f3c-2c1d-4e6f-9a7b-1c2d3e4f5a6b"})
final class DeadLettersResendCommand extends DeadLettersSubcommand {

    @Parameters(paramLabel = "ID", arity = "1..*", description = "The dead letters' ids (see mqpool dead-letters).")
    List<String> ids;

    @Override
    int run(ApiClient api) {
        int refused = 0;
        for (String id : ids) {
            try {
                api.resendDeadLetter(id);
                out().println("sent " + id + " again");
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
