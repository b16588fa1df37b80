package io.mqpool.jobs.builtin;

import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds 1 to the shared counter {@code counter}, {@code times} times, one atomic update after the
 * other, and returns how long each took, in microseconds: what {@code mqpool bench state}
 * measures.
 */
@TaskName("count_up_many")
public class CountUpMany implements Task<CountUpMany.Args, List<Long>> {

    public record Args(String counter, int times) {
    }

    @Override
    public List<Long> call(Args args, TaskContext ctx) {
        SharedCounter counter = ctx.counter(args.counter());
        List<Long> micros = new ArrayList<>(args.times());
        for (int i = 0; i < args.times(); i++) {
            long start = System.nanoTime();
            counter.addAndGet(1);
            micros.add((System.nanoTime() - start) / 1_000);
        }
        return micros;
    }
}
