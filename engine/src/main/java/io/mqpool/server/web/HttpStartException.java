package io.mqpool.server.web;

/** The HTTP server could not start (the port is taken, the address is not local); one line. */
public class HttpStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HttpStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
