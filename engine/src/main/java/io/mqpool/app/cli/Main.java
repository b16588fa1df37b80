package io.mqpool.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mqpool} command line: one subcommand per class. */
@Command(name = "mqpool", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A durable multiprocessing pool for the JVM: jobs over an embedded Artemis broker, "
                + "worker processes per core, state in H2.",
        subcommands = {DemoCommand.class, ServerCommand.class, BrokerCommand.class, BenchCommand.class, SubmitCommand.class, StatusCommand.class,
            JobsCommand.class, ResultsCommand.class, CancelCommand.class, WorkersCommand.class, StateCommand.class,
            DeadLettersCommand.class,
            TasksCommand.class, WorkerCommand.class, TokenCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with mqpool's exit codes: 2 for usage errors. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExitCodeExceptionMapper(error -> ExitCodes.USAGE);
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
