package io.mqpool.outcome;

import java.util.Objects;

/**
 * A chunk's outcomes as they cross the broker and lie in the store, written and read by
 * {@link OutcomeCodec}.
 *
 * @param json a JSON array with one element per task, in index order, laid out as {@code form} says
 * @param failures how many of the tasks failed
 */
public record EncodedOutcomes(String json, int failures, OutcomesForm form) {

    public EncodedOutcomes {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(form, "form");
        if (failures < 0) {
            throw new IllegalArgumentException("failures must be 0 or more, not " + failures);
        }
        if (form == OutcomesForm.VALUES && failures > 0) {
            throw new IllegalArgumentException("outcomes with " + failures + " failures cannot be plain values");
        }
    }
}
