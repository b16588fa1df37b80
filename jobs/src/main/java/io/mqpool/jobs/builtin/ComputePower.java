package io.mqpool.jobs.builtin;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** base^exponent: the seed's two-argument task, called through starmap with (base, exponent). */
@TaskName("compute_power")
public class ComputePower implements Task<ComputePower.Args, Long> {

    /** The two arguments, bound positionally from a tuple such as {@code [2, 10]}. */
    public record Args(long base, int exponent) {
    }

    /**
     * Does not block.
     *
     * @throws IllegalArgumentException if the exponent is negative
     * @throws ArithmeticException if the result overflows a long
     */
    @Override
    public Long call(Args args, TaskContext ctx) {
        if (args.exponent() < 0) {
            throw new IllegalArgumentException("exponent must be 0 or more, got " + args.exponent());
        }
        long result = 1;
        for (int i = 0; i < args.exponent(); i++) {
            result = Math.multiplyExact(result, args.base());
        }
        return result;
    }
}
