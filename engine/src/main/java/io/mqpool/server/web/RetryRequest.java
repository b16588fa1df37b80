package io.mqpool.server.web;

import java.util.List;

/** {@code POST /api/jobs/retry-failed}: the jobs whose failed tasks to run again. */
record RetryRequest(List<String> ids) {
}
