package io.mqpool.testtasks;

import io.mqpool.Pool;
import io.mqpool.jobs.builtin.Square;

/** A whole user program: one pool, one task, close, then main returns and the JVM should end. */
public final class OnePoolProgram {

    private OnePoolProgram() {
    }

    public static void main(String[] args) {
        try (Pool pool = Pool.create(1)) {
            System.out.println("square " + pool.apply(Square.class, 7L));
        }
    }
}
