package io.mqpool.server.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code GET /api/health}.
 *
 * @param status up or down
 * @param reason why it is down, one line; absent when up
 * @param workers workers ready to take a chunk, here and on other hosts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HealthView(String status, String reason, int workers) {
}
