package io.mqpool.outcome;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One frame of a remote stack trace, as {@link StackTraceElement} has it.
 *
 * @param file the source file; null when the class was compiled without one
 * @param line the line number; negative when unknown ({@code -2} for a native method, as in
 *     {@link StackTraceElement})
 */
public record StackFrame(String className, String method, String file, int line) {

    public StackFrame {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(method, "method");
    }

    public static StackFrame of(StackTraceElement element) {
        return new StackFrame(element.getClassName(), element.getMethodName(), element.getFileName(),
                element.getLineNumber());
    }

    static List<StackFrame> allOf(StackTraceElement[] elements) {
        return Arrays.stream(elements).map(StackFrame::of).toList();
    }

    public StackTraceElement toStackTraceElement() {
        return new StackTraceElement(className, method, file, line);
    }

    /** As a stack trace prints it: {@code a.B.call(B.java:12)}. */
    @Override
    public String toString() {
        return toStackTraceElement().toString();
    }
}
