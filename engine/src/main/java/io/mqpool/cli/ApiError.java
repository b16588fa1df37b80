package io.mqpool.cli;

/**
 * The server refused a request with a 4xx status and {@code {"error": "..."}}: bad input, exit 2.
 * The message is the server's own text, so the user sees what the server checked.
 */
final class ApiError extends CliException {

    private final int status;

    ApiError(int status, String message) {
        super(ExitCodes.USAGE, message);
        this.status = status;
    }

    int status() {
        return status;
    }

    boolean notFound() {
        return status == 404;
    }
}
