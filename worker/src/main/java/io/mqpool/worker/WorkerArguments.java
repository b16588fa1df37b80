package io.mqpool.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The command line of a worker process:
 * {@code --broker URL --id ID [--tasks-dir DIR] [--consumer-window N] [--broker-wait MILLIS]
 * [--supervised] [--standby] ...}.
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
 */
record WorkerArguments(String brokerUrl, String workerId, Path tasksDir, int consumerWindowSize,
                       Duration brokerWait, boolean supervised, String initializer,
                       String initializerArgJson, long maxTasks, Path currentTaskFile,
                       boolean standby) {

    static final String USAGE = "usage: WorkerMain --broker URL --id ID [--tasks-dir DIR] "
            + "[--consumer-window N] [--broker-wait MILLIS] [--supervised] "
            + "[--initializer TASK [--initializer-arg JSON]] [--max-tasks N] [--current-task-file FILE] [--standby]";

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException with one line naming the bad argument and the usage
     */
    static WorkerArguments parse(List<String> args) {
        String broker = null;
        String id = null;
        Path tasksDir = null;
        int window = 0;
        Duration brokerWait = Duration.ZERO;
        boolean supervised = false;
        String initializer = null;
        String initializerArg = "null";
        long maxTasks = 0;
        Path currentTaskFile = null;
        boolean standby = false;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--supervised")) {
                supervised = true;
                continue;
            }
            if (flag.equals("--standby")) {
                standby = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("missing a value after " + flag + "; " + USAGE);
            }
            String value = args.get(++i);
            switch (flag) {
                case "--broker" -> broker = value;
                case "--id" -> id = value;
                case "--tasks-dir" -> tasksDir = Path.of(value);
                case "--consumer-window" -> window = parseWindow(value);
                case "--broker-wait" -> brokerWait = parseWait(value);
                case "--initializer" -> initializer = value;
                case "--initializer-arg" -> initializerArg = value;
                case "--max-tasks" -> maxTasks = parseCount(flag, value);
                case "--current-task-file" -> currentTaskFile = Path.of(value);
                default -> throw new IllegalArgumentException("unknown argument '" + flag + "'; "
                        + USAGE);
            }
        }
        if (broker == null || broker.isBlank()) {
            throw new IllegalArgumentException("--broker is required; " + USAGE);
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("--id is required; " + USAGE);
        }
        return new WorkerArguments(broker, id, tasksDir, window, brokerWait, supervised, initializer,
                initializerArg, maxTasks, currentTaskFile, standby);
    }

    private static long parseCount(String flag, String value) {
        try {
            long count = Long.parseLong(value);
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // fall through to the one error message below
        }
        throw new IllegalArgumentException(flag + " must be a whole number >= 0, not '" + value + "'; " + USAGE);
    }

    private static Duration parseWait(String value) {
        try {
            long millis = Long.parseLong(value);
            if (millis >= 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // fall through to the one error message below
        }
        throw new IllegalArgumentException("--broker-wait must be a number of milliseconds >= 0, "
                + "not '" + value + "'; " + USAGE);
    }

    private static int parseWindow(String value) {
        try {
            int window = Integer.parseInt(value);
            if (window >= -1) {
                return window;
            }
        } catch (NumberFormatException e) {
            // fall through to the one error message below
        }
        throw new IllegalArgumentException("--consumer-window must be a number of bytes >= -1, "
                + "not '" + value + "'; " + USAGE);
    }
}
