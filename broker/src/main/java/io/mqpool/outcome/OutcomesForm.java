package io.mqpool.outcome;

/**
 * How a chunk's outcomes are laid out as JSON. It travels with the outcomes (a message property)
 * and is stored with them (a column), so a reader knows the layout without guessing from the
 * values, one of which may itself be an object with a {@code "value"} key.
 */
public enum OutcomesForm {
    /**
     * One object per task, in index order: {@code {"value": <result>}} or {@code {"error":
     * {...}}}. Chunks with a failure are written so; every chunk was, before {@link #VALUES}.
     */
    PER_TASK,
    /** A chunk whose every task succeeded: a plain array of the values, {@code [v0, v1, ...]}. */
    VALUES
}
