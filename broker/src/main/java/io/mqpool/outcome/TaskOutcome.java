package io.mqpool.outcome;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one task produced: a value, or a failure. The worker writes it, the engine records it,
 * and every reader of results (the API, the HTTP server and web UI, the retry handler) reads
 * it back through {@link OutcomeCodec}.
 */
public sealed interface TaskOutcome permits TaskOutcome.Value, TaskOutcome.Failure {

    /**
     * A task that returned.
     *
     * @param json its result as JSON text, exactly as the worker wrote it ({@code null} for a
     *     null result); the engine passes it on without reading it
     */
    record Value(String json) implements TaskOutcome {
        public Value {
            Objects.requireNonNull(json, "json");
            if (json.isBlank()) {
                throw new IllegalArgumentException("a value must be JSON text, not blank; use \"null\" for null");
            }
        }
    }

    /**
     * A task that failed: it threw, or the engine gave up on it after its worker went down.
     *
     * @param type the class of what the task threw, or the {@code io.mqpool} type the engine
     *     settled the task with ({@code io.mqpool.WorkerDiedException}, {@code
     *     io.mqpool.TaskTimeoutException}, {@code io.mqpool.TaskUndeliverableException})
     * @param message what it said; empty when it said nothing
     * @param frames where it was thrown, innermost first; empty for a task the engine settled and
     *     for failures recorded before frames were kept one by one
     * @param cause what caused it, with its own frames; null for none
     * @param exit how the worker process running the task ended ({@code signal 9}, {@code code 1})
     *     for a task settled after its worker died or was stopped past the task timeout; null
     *     otherwise
     * @param printedStack the stack trace as text, as workers recorded it before frames were
     *     kept one by one, so such outcomes still show it; null for every failure recorded since
     */
    record Failure(String type, String message, List<StackFrame> frames, Failure cause, String exit,
                   String printedStack) implements TaskOutcome {

        public Failure {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(message, "message");
            frames = List.copyOf(frames);
        }

        /** A failure the engine decides on, without frames: a task out of retries. */
        public Failure(String type, String message, String exit) {
            this(type, message, List.of(), null, exit, null);
        }

        /** What {@code thrown} is made of, its causes included (a cause seen before ends the chain). */
        public static Failure of(Throwable thrown) {
            return of(thrown, Collections.newSetFromMap(new IdentityHashMap<>()));
        }

        private static Failure of(Throwable thrown, Set<Throwable> seen) {
            seen.add(thrown);
            Throwable cause = thrown.getCause();
            return new Failure(thrown.getClass().getName(), thrown.getMessage() == null ? "" : thrown.getMessage(),
                    StackFrame.allOf(thrown.getStackTrace()), cause == null || seen.contains(cause) ? null
                    : of(cause, seen), null, null);
        }

        /**
         * The stack trace as {@link Throwable#printStackTrace()} prints it, causes included; the
         * recorded text for a failure recorded as text; empty for one without frames (nothing was
         * thrown where it was decided).
         */
        public String stackTrace() {
            if (printedStack != null) {
                return printedStack;
            }
            return frames.isEmpty() && cause == null ? "" : PrintedStack.of(this);
        }

        /** {@code type: message}, or the type alone when there is no message, as {@link Throwable#toString()}. */
        public String headline() {
            return message.isEmpty() ? type : type + ": " + message;
        }
    }
}
