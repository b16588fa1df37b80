package io.mqpool.worker;

import java.io.PrintStream;

/**
 * One-line messages of the worker on stderr, prefixed with its id. stdout is reserved for
 * the ready line and the tasks' own output, and the supervisor keeps the last stderr lines
 * for its error reports, so plain lines are what is wanted here.
 */
final class WorkerLog {

    private final PrintStream err;
    private final String prefix;

    WorkerLog(PrintStream err, String workerId) {
        this.err = err;
        this.prefix = "mqpool-worker " + workerId + ": ";
    }

    void line(String message) {
        err.println(prefix + message);
        err.flush();
    }
}
