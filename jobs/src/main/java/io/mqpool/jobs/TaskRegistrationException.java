package io.mqpool.jobs;

/**
 * A registered task class that cannot be used: no {@link TaskName}, a malformed or duplicate
 * name, raw or unresolved type arguments, or a provider that fails to load. The message is one
 * line naming the class.
 */
public class TaskRegistrationException extends IllegalStateException {

    public TaskRegistrationException(String message) {
        super(message);
    }

    public TaskRegistrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
