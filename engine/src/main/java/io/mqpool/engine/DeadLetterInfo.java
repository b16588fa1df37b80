package io.mqpool.engine;

import java.time.Instant;

/**
 * One message on the broker's dead-letter queue, for the HTTP API and the CLI.
 *
 * @param id what names it to drop or resend it; null when it has no id (only dropping them all removes it)
 * @param kind {@code task-chunk}, {@code result}, {@code state-request}, {@code supervisor-message} or
 *     {@code unreadable}
 * @param jobId the job it names; null when none
 * @param chunkNo the chunk of that job it names; null when none
 * @param from the queue it was on; null when unknown
 * @param reason why it is there, in one line
 * @param deliveries how many times it had been delivered when it was moved; null when unknown
 * @param at when it was moved there; null when unknown (the broker keeps no time of its own moves)
 */
public record DeadLetterInfo(String id, String kind, String jobId, Integer chunkNo, String from, String reason,
                             Integer deliveries, Instant at) {
}
