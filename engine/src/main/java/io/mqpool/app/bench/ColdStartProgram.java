package io.mqpool.app.bench;

import io.mqpool.Pool;
import io.mqpool.jobs.builtin.Square;

/**
 * The smallest program a user writes, for {@code startup.cold}: {@code Pool.create(workers)},
 * one {@code apply}, {@code close()}, in a JVM of its own, so the figure includes what a user
 * feels and a warm bench JVM hides: the JVM's own start, class loading and the JIT. Exits 0 when
 * the square of 3 came back as 9, else prints what came back and exits 1.
 *
 * <p>Argument: the number of workers.
 */
final class ColdStartProgram {

    private ColdStartProgram() {
    }

    public static void main(String[] args) {
        long nine;
        try (Pool pool = Pool.create(Integer.parseInt(args[0]))) {
            nine = pool.apply(Square.class, 3L);
        }
        if (nine != 9) {
            System.err.println("the square of 3 came back as " + nine);
            System.exit(1);
        }
    }
}
