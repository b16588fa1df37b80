package io.mqpool.app.cli;

/** The exit codes every mqpool command keeps to. */
final class ExitCodes {
    static final int DONE = 0;
    static final int TASKS_FAILED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    static final int TIMED_OUT = 4;

    private ExitCodes() {
    }
}
