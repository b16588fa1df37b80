package io.mqpool.testtasks;

import io.mqpool.Pool;
import io.mqpool.jobs.builtin.SleepMillis;
import io.mqpool.jobs.builtin.Square;

/**
 * A user program that forgets {@code close()} on a pool of threads, with a task of ten minutes
 * still running on it: its JVM must end when main returns all the same.
 */
public final class ForgottenThreadPoolProgram {

    private ForgottenThreadPoolProgram() {
    }

    public static void main(String[] args) {
        Pool pool = Pool.threads(2);
        System.out.println("square " + pool.apply(Square.class, 7L));
        pool.applyAsync(SleepMillis.class, 600_000);
        System.out.println("main returns");
    }
}
