package io.mqpool;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exception a task threw in a worker process, rebuilt at the caller from its class name,
 * message and stack trace text, so that a stack trace printed here shows where it failed there.
 */
public final class RemoteTaskException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final Pattern FRAME = Pattern.compile("^\\s*at (?:[^/]+/)?(.+)\\.([^.(]+)\\((.*)\\)$");

    private final String remoteClassName;
    private final String remoteMessage;
    private final String remoteStackTrace;

    RemoteTaskException(String remoteClassName, String remoteMessage, String remoteStackTrace) {
        super(remoteMessage == null || remoteMessage.isEmpty()
                ? remoteClassName : remoteClassName + ": " + remoteMessage, null, false, true);
        this.remoteClassName = remoteClassName;
        this.remoteMessage = remoteMessage == null ? "" : remoteMessage;
        this.remoteStackTrace = remoteStackTrace == null ? "" : remoteStackTrace;
        setStackTrace(frames(this.remoteStackTrace));
    }

    /** The class of the exception in the worker, such as {@code java.lang.IllegalStateException}. */
    public String remoteClassName() {
        return remoteClassName;
    }

    public String remoteMessage() {
        return remoteMessage;
    }

    /** The stack trace as the worker printed it, causes included. */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }

    @Override
    public String toString() {
        return getMessage();
    }

    /** The frames of the first exception in the text (up to its first "Caused by"). */
    private static StackTraceElement[] frames(String stack) {
        List<StackTraceElement> frames = new ArrayList<>();
        for (String line : stack.split("\n")) {
            if (line.startsWith("Caused by:")) {
                break;
            }
            Matcher m = FRAME.matcher(line.stripTrailing());
            if (m.matches()) {
                String location = m.group(3);
                int colon = location.lastIndexOf(':');
                String file = colon > 0 ? location.substring(0, colon) : location;
                int lineNo = -1;
                if (colon > 0) {
                    try {
                        lineNo = Integer.parseInt(location.substring(colon + 1));
                    } catch (NumberFormatException e) {
                        file = location;
                    }
                }
                frames.add(new StackTraceElement(m.group(1), m.group(2), file, lineNo));
            }
        }
        return frames.toArray(StackTraceElement[]::new);
    }
}
