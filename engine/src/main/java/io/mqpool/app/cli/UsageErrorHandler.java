package io.mqpool.app.cli;

import io.mqpool.config.OneLine;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * A wrong command line (unknown flag, missing argument, bad number) prints one line saying
 * what is wrong and one pointing at {@code --help}, and exits 2 — instead of picocli's default
 * of the whole usage text, which buries the error.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("mqpool: " + OneLine.of(String.valueOf(error.getMessage())));
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }
}
