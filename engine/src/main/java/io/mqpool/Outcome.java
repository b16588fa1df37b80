package io.mqpool;

import java.util.Optional;

/** One task's outcome: its result, or how it failed. Returned by {@code Pool.mapOutcomes}. */
public sealed interface Outcome<R> permits Outcome.Success, Outcome.Failure {

    /** The task's position in the job's input, from 0. */
    long index();

    boolean isSuccess();

    /**
     * The result.
     *
     * @throws TaskFailedException if the task failed
     */
    R value();

    /** How the task failed; empty for a success. */
    Optional<TaskFailedException> failure();

    /** A task that returned {@code value}. */
    record Success<R>(long index, R value) implements Outcome<R> {
        @Override
        public boolean isSuccess() {
            return true;
        }

        @Override
        public Optional<TaskFailedException> failure() {
            return Optional.empty();
        }
    }

    /** A task that failed with {@code error}. */
    record Failure<R>(long index, TaskFailedException error) implements Outcome<R> {
        @Override
        public boolean isSuccess() {
            return false;
        }

        @Override
        public R value() {
            throw error;
        }

        @Override
        public Optional<TaskFailedException> failure() {
            return Optional.of(error);
        }
    }
}
