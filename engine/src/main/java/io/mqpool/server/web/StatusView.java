package io.mqpool.server.web;

/**
 * {@code GET /api/status}: enough for a client to know it reached an mqpool server.
 *
 * @param readOnly whether the server refuses every change (POST, PUT, PATCH, DELETE) with 403
 * @param basePath the path every route is served under, such as {@code /mqpool}; empty for the root
 */
record StatusView(String version, int workers, String dataDir, int jobsRunning, boolean readOnly, String basePath) {
}
