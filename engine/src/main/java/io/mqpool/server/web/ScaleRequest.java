package io.mqpool.server.web;

/** The body of {@code POST /api/workers/scale}. */
record ScaleRequest(Integer count) {
}
