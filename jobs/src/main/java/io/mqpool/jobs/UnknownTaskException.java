package io.mqpool.jobs;

/** A task name or class that the {@link TaskRegistry} does not hold. The message is one line. */
public class UnknownTaskException extends IllegalArgumentException {

    public UnknownTaskException(String message) {
        super(message);
    }
}
