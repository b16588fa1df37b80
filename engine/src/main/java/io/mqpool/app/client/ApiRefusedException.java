package io.mqpool.app.client;

/**
 * The server refused a request with a 4xx status and {@code {"error": "..."}}. The message is
 * the server's own text, so the user sees what the server checked.
 */
public final class ApiRefusedException extends RuntimeException {

    private final int status;

    public ApiRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean notFound() {
        return status == 404;
    }
}
