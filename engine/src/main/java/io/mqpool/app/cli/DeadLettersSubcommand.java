package io.mqpool.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.ParentCommand;

/**
 * A subcommand of {@code mqpool dead-letters}: {@code --server} and {@code --token-file} may be
 * given before it too.
 */
abstract class DeadLettersSubcommand extends ClientCommand {

    @ParentCommand
    DeadLettersCommand parent;

    @Override
    String serverFlag() {
        return server != null ? server : parent.serverFlag();
    }

    @Override
    Path tokenFileFlag() {
        return tokenFile != null ? tokenFile : parent.tokenFileFlag();
    }
}
