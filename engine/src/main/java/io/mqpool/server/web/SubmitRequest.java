package io.mqpool.server.web;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/jobs}, as sent; {@link SubmissionValidator} checks it.
 *
 * @param args a JSON list, one argument per task; or null when {@code range} is given
 * @param range {@code "A..B"}, the integers A to B inclusive
 * @param taskTimeout a duration such as {@code 30s}; null for no limit
 * @param timeout the job's timeout, likewise
 * @param retryTimeouts whether a task past its task timeout is tried again; null for false
 * @param maxInFlight at most this many of the job's tasks run or wait on workers at once; null
 *     for no bound of the job's own
 * @param retention how long the job is kept once finished, a duration such as {@code 12h} or
 *     {@code 7d}, {@code 0} for forever; null for the server's {@code jobs.retention}
 * @param priority {@code low}, {@code normal} or {@code high}; null for normal
 */
record SubmitRequest(String task, String mode, JsonNode args, String range, Integer chunksize,
                     String taskTimeout, String timeout, Integer retries, Boolean retryTimeouts,
                     Integer maxInFlight, String retention, String priority) {
}
