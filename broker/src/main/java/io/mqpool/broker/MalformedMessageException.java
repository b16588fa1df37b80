package io.mqpool.broker;

/**
 * A message on an mqpool queue is not what the queue carries (a missing property, a bad
 * value, an unreadable body). The message names what is wrong, in one line.
 */
public class MalformedMessageException extends Exception {

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
