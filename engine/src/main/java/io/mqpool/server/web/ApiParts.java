package io.mqpool.server.web;

/** The pieces of the JSON API the pages reuse, so that both follow the same rules. */
record ApiParts(JsonCodec json, SubmissionValidator validator, JobsResource jobs, JobViews views,
                ResultsResource results, WorkersResource workers, RetryFailedResource retry) {
}
