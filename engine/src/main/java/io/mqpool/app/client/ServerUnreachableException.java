package io.mqpool.app.client;

/**
 * The server could not be asked or did not answer as an mqpool server: not reachable, no answer
 * in time, a 5xx, or no JSON. The message says which, in one line, naming the server.
 */
public class ServerUnreachableException extends RuntimeException {

    public ServerUnreachableException(String message) {
        super(message);
    }

    public ServerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
