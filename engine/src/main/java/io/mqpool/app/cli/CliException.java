package io.mqpool.app.cli;

/**
 * A failure a client command reports as one line, {@code mqpool: <message>}, and ends with
 * {@link #exitCode()}. Never shown with a stack trace: the message says what is wrong.
 */
class CliException extends RuntimeException {

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /** Bad input from the user: exit 2. */
    static CliException badInput(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }
}
