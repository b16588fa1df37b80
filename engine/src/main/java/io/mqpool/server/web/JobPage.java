package io.mqpool.server.web;

import java.util.List;

/** {@code GET /api/jobs}: jobs newest first, and the cursor of the next (older) page or null. */
record JobPage(List<JobView> jobs, String next) {
}
