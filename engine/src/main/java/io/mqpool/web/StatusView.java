package io.mqpool.web;

/** {@code GET /api/status}: enough for a client to know it reached an mqpool server. */
record StatusView(String version, int workers, String dataDir, int jobsRunning) {
}
