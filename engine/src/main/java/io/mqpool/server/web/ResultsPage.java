package io.mqpool.server.web;

import java.util.List;

/**
 * {@code GET /api/jobs/{id}/results}: a page of outcomes.
 *
 * @param next the cursor to pass as {@code after} for the following page
 * @param done true when the job has finished and this page reached its last outcome
 * @param state the job's state when the page was read
 */
record ResultsPage(List<ResultItem> results, String next, boolean done, String state) {
}
