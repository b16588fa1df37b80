package io.mqpool.server.web;

import java.util.List;

/**
 * {@code GET /api/status}: enough for a client to know it reached an mqpool server.
 *
 * @param readOnly whether the server refuses every change (POST, PUT, PATCH, DELETE) with 403
 * @param basePath the path every route is served under, such as {@code /mqpool}; empty for the root
 * @param stuck the running jobs without progress for longer than their threshold, the longest first
 */
record StatusView(String version, int workers, String dataDir, int jobsRunning, boolean readOnly, String basePath,
                  List<StuckView> stuck) {
}
