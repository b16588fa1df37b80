package io.mqpool.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;

/**
 * The command line of a worker process:
 * {@code --broker URL --id ID [--tasks-dir DIR] [--consumer-window N] [--broker-wait MILLIS]
 * [--supervised] [--standby] ...}, read by picocli into {@link WorkerFlags}.
 *
 * @param tasksDir where jars of user tasks are found; null for the built-in tasks only
 * @param consumerWindowSize bytes of quick chunks the worker may hold ahead of the one it runs;
 *     0 always takes one chunk at a time
 * @param supervised started by a supervisor, which alone decides when the worker stops
 * @param initializer a registered task run once before the first chunk, or null
 * @param initializerArgJson its argument as JSON ({@code null} when not given)
 * @param maxTasks tasks after which the worker retires (its supervisor starts a fresh one);
 *     0 for no limit
 * @param currentTaskFile where the worker keeps the task it runs for its supervisor, or null
 * @param standby once ready, wait for {@code go} on stdin before taking chunks (a supervisor
 *     starts such a worker ahead of another's retirement)
 * @param credentialsFile the broker user and password the worker connects as, or null for a
 *     broker that asks none
 */
record WorkerArguments(String brokerUrl, String workerId, Path tasksDir, int consumerWindowSize,
                       Duration brokerWait, boolean supervised, String initializer,
                       String initializerArgJson, long maxTasks, Path currentTaskFile,
                       boolean standby, Path credentialsFile) {

    static final String USAGE = "usage: WorkerMain --broker URL --id ID [--tasks-dir DIR] "
            + "[--consumer-window N] [--broker-wait MILLIS] [--supervised] "
            + "[--initializer TASK [--initializer-arg JSON]] [--max-tasks N] [--current-task-file FILE] [--standby] "
            + "[--credentials-file FILE]";

    /**
     * Parses {@code args}: the flags above, each value after its flag or after {@code =}.
     *
     * @throws IllegalArgumentException with one line naming the bad argument and the usage
     */
    static WorkerArguments parse(List<String> args) {
        WorkerFlags flags = new WorkerFlags();
        try {
            new CommandLine(flags)
                    // As the worker always read them: the last of a repeated flag wins, and a
                    // value that starts with @ is that value, not a file of arguments to read.
                    .setOverwrittenOptionsAllowed(true)
                    .setExpandAtFiles(false)
                    .parseArgs(args.toArray(String[]::new));
            return flags.toArguments();
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; " + USAGE, e);
        }
    }
}
