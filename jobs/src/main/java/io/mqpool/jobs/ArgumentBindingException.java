package io.mqpool.jobs;

/**
 * A JSON argument that does not fit a task's argument type, such as {@code "three"} for an
 * {@code Integer}. The message is one line that shows the argument, the task's signature and
 * what was expected.
 */
public class ArgumentBindingException extends IllegalArgumentException {

    public ArgumentBindingException(String message) {
        super(message);
    }

    public ArgumentBindingException(String message, Throwable cause) {
        super(message, cause);
    }
}
