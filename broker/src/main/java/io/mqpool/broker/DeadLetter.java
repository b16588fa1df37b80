package io.mqpool.broker;

import java.util.Objects;

/**
 * One message on {@link Queues#DEAD_LETTER}, as an operator sees it.
 *
 * @param id what names it for {@link DeadLetterQueue#drop} and {@link DeadLetterQueue#resend}:
 *     its message id without {@code ID:}, or {@code orig-N} for a message the broker moved
 *     there, which keeps no id but its original's number; null when it has neither (it can then
 *     only be dropped with all the others)
 * @param jobId the job it belongs to, when it names one; null otherwise
 * @param chunkNo its chunk of that job; null when it names none
 * @param from the queue it was on, when known
 * @param reason why it is there, in one line
 * @param deliveries how many times it had been delivered when it was moved; null when unknown
 * @param atMillis when it was moved (epoch milliseconds); null when unknown
 */
public record DeadLetter(String id, Kind kind, String jobId, Integer chunkNo, String from, String reason,
                         Integer deliveries, Long atMillis) {

    /** What a dead letter carries, judged from its properties and body. */
    public enum Kind {
        /** A chunk of tasks, as sent to workers: it can be sent again. */
        TASK_CHUNK,
        /** The outcomes of a chunk, as sent by a worker. */
        RESULT,
        /** A task's request to read or change shared state. */
        STATE_REQUEST,
        /** A report or death notice of a supervisor on another host. */
        SUPERVISOR_MESSAGE,
        /** Nothing mqpool sends. */
        UNREADABLE
    }

    public DeadLetter {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }
}
