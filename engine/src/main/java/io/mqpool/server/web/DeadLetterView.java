package io.mqpool.server.web;

import io.mqpool.engine.DeadLetterInfo;

/**
 * One dead letter as the API shows it.
 *
 * @param at ISO-8601, or null when unknown
 */
record DeadLetterView(String id, String kind, String job, Integer chunk, String from, String reason,
                      Integer deliveries, String at) {

    static DeadLetterView of(DeadLetterInfo info) {
        return new DeadLetterView(info.id(), info.kind(), info.jobId(), info.chunkNo(), info.from(), info.reason(),
                info.deliveries(), info.at() == null ? null : info.at().toString());
    }
}
