package io.mqpool;

/**
 * A pool {@link Pool#connect connected} to a server lost it, or never reached it: the server
 * does not answer, answers as no mqpool server would, or failed. The message names the server
 * and says which, in one line. The server's jobs are not lost with it: they run on, and a
 * restarted server resumes them, so their results can still be read with {@code mqpool results}.
 */
public class PoolConnectionException extends RuntimeException {

    PoolConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
