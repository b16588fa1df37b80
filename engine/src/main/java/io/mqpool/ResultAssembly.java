package io.mqpool;

import java.util.ArrayList;
import java.util.List;

/** Turns a finished job's outcomes, in input order, into what the caller asked for. */
@FunctionalInterface
interface ResultAssembly<R> {

    /** @throws TaskFailedException when the caller asked for values and a task failed */
    R assemble(List<Outcome<Object>> outcomes);

    /** Every result in input order; throws the lowest-indexed failure ({@code map}). */
    static <R> ResultAssembly<List<R>> values() {
        return outcomes -> {
            List<R> values = new ArrayList<>(outcomes.size());
            for (Outcome<Object> outcome : outcomes) {
                values.add(cast(outcome.value()));
            }
            return values;
        };
    }

    /** One outcome per input, failures included ({@code mapOutcomes}). */
    static <R> ResultAssembly<List<Outcome<R>>> outcomes() {
        return ResultAssembly::cast;
    }

    /** The result of a job of one task ({@code apply}); throws its failure. */
    static <R> ResultAssembly<R> single() {
        return outcomes -> cast(outcomes.get(0).value());
    }

    /** The task's declared {@code R}: outcomes are typed by the task, not by the compiler. */
    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
