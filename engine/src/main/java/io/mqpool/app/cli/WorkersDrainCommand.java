package io.mqpool.app.cli;

import io.mqpool.app.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mqpool workers drain HOST_ID}: a supervisor on another host lets its workers finish, then exits. */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = {"Tells a supervisor on another host (mqpool worker --workers N) to drain: its workers",
            "finish the chunk they hold, then it exits. HOST_ID is in the HOST column of 'mqpool workers'."},
        footer = {"", "Example:", "  mqpool workers drain hostb-4711"})
final class WorkersDrainCommand extends WorkersSubcommand {

    @Parameters(index = "0", paramLabel = "HOST_ID", description = "The remote supervisor's id.")
    String hostId;

    @Override
    int run(ApiClient api) {
        api.drainHost(hostId);
        out().println("told " + hostId + " to drain: its workers finish their chunks, then it exits");
        return ExitCodes.DONE;
    }
}
