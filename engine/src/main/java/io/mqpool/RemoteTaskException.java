package io.mqpool;

import io.mqpool.outcome.StackFrame;
import io.mqpool.outcome.TaskOutcome;

/**
 * The exception a task threw in a worker process, rebuilt at the caller from the failure the
 * worker recorded: its class name, message, stack frames and causes (each a {@code
 * RemoteTaskException} of its own), so that a stack trace printed here shows where it failed there.
 */
public final class RemoteTaskException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;
    private final String remoteMessage;
    private final String remoteStackTrace;

    RemoteTaskException(TaskOutcome.Failure failure) {
        super(failure.headline(), failure.cause() == null ? null : new RemoteTaskException(failure.cause()),
                false, true);
        this.remoteClassName = failure.type();
        this.remoteMessage = failure.message();
        this.remoteStackTrace = failure.stackTrace();
        setStackTrace(failure.frames().stream().map(StackFrame::toStackTraceElement)
                .toArray(StackTraceElement[]::new));
    }

    /** The class of the exception in the worker, such as {@code java.lang.IllegalStateException}. */
    public String remoteClassName() {
        return remoteClassName;
    }

    public String remoteMessage() {
        return remoteMessage;
    }

    /** The stack trace as the worker's exception prints it, causes included. */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
