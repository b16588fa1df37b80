package io.mqpool.jobs.builtin;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/**
 * Pure CPU work of adjustable size, for benchmarks: roughly n milliseconds on a current x86
 * core. The amount of work is fixed by n, not by a clock, so every run of the same n does the
 * same work and returns the same checksum, however loaded the machine is.
 */
@TaskName("burn_cpu")
public class BurnCpu implements Task<Integer, Long> {

    /** Xorshift steps per millisecond, measured at about 2.2 ns a step on the dev machine. */
    static final long STEPS_PER_MILLI = 450_000;

    /**
     * Blocks the calling thread with computation only.
     *
     * @throws IllegalArgumentException if n is negative
     */
    @Override
    public Long call(Integer n, TaskContext ctx) {
        if (n < 0) {
            throw new IllegalArgumentException("burn_cpu needs 0 or more milliseconds, got " + n);
        }
        return burn(n * STEPS_PER_MILLI);
    }

    static long burn(long steps) {
        long x = 0x9E3779B97F4A7C15L;
        long checksum = 0;
        for (long i = 0; i < steps; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            checksum += x;
        }
        return checksum;
    }
}
