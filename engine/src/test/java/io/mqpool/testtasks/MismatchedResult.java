package io.mqpool.testtasks;

import io.mqpool.jobs.TaskName;

/**
 * Declares a {@link Point} result and returns one for n &ge; 0, but for a negative n returns the
 * text {@code "not a point"}, which does not bind to {@code Point} when read back.
 */
@TaskName("mismatched_result")
public class MismatchedResult extends UncheckedResult<MismatchedResult.Point> {

    /** The declared result. */
    public record Point(int x) {
    }

    @Override
    protected Object produce(int n) {
        return n < 0 ? "not a point" : new Point(n);
    }
}
