package io.mqpool.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.ParentCommand;

/**
 * A subcommand of {@code mqpool workers}: {@code --server} and {@code --token-file} may be given
 * before it too, as in {@code mqpool workers --server URL scale 2}.
 */
abstract class WorkersSubcommand extends ClientCommand {

    @ParentCommand
    WorkersCommand parent;

    @Override
    String serverFlag() {
        return server != null ? server : parent.serverFlag();
    }

    @Override
    Path tokenFileFlag() {
        return tokenFile != null ? tokenFile : parent.tokenFileFlag();
    }
}
