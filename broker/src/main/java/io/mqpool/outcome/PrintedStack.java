package io.mqpool.outcome;

import java.util.List;

/**
 * Prints a {@link TaskOutcome.Failure} the way {@link Throwable#printStackTrace()} prints the
 * exception it was made from: the headline, a tab and {@code at} before each frame, then each
 * cause after {@code Caused by: }, its frames in common with the failure it caused folded into
 * {@code ... N more}.
 */
final class PrintedStack {

    private PrintedStack() {
    }

    static String of(TaskOutcome.Failure failure) {
        StringBuilder text = new StringBuilder(failure.headline()).append('\n');
        frames(text, failure.frames(), 0);
        List<StackFrame> enclosing = failure.frames();
        for (TaskOutcome.Failure cause = failure.cause(); cause != null; cause = cause.cause()) {
            text.append("Caused by: ").append(cause.headline()).append('\n');
            frames(text, cause.frames(), inCommon(cause.frames(), enclosing));
            enclosing = cause.frames();
        }
        return text.toString();
    }

    private static void frames(StringBuilder text, List<StackFrame> frames, int folded) {
        for (StackFrame frame : frames.subList(0, frames.size() - folded)) {
            text.append("\tat ").append(frame).append('\n');
        }
        if (folded > 0) {
            text.append("\t... ").append(folded).append(" more\n");
        }
    }

    /** How many frames at the bottom of {@code frames} are those at the bottom of {@code enclosing}. */
    private static int inCommon(List<StackFrame> frames, List<StackFrame> enclosing) {
        int m = frames.size() - 1;
        int n = enclosing.size() - 1;
        while (m >= 0 && n >= 0 && frames.get(m).equals(enclosing.get(n))) {
            m--;
            n--;
        }
        return frames.size() - 1 - m;
    }
}
