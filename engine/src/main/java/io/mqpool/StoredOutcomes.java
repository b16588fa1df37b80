package io.mqpool;

import io.mqpool.engine.JobQueries;
import io.mqpool.engine.ResultCursor;
import io.mqpool.engine.store.JobRow;
import java.util.List;

/** The outcomes of a job on the engine, read from its store a page of chunks at a time. */
final class StoredOutcomes<R> implements OutcomeFeed<R> {

    private final ResultCursor cursor;
    private final JobQueries jobs;
    private final OutcomeReader<R> reader;

    /**
     * @param cursor where the outcomes are read from: in input order (stopping at the first chunk
     *     not recorded yet) or in completion order
     */
    StoredOutcomes(ResultCursor cursor, JobQueries jobs, OutcomeReader<R> reader) {
        this.cursor = cursor;
        this.jobs = jobs;
        this.reader = reader;
    }

    @Override
    public List<List<Outcome<R>>> next(int limit) {
        return cursor.next(limit).stream().map(reader::read).toList();
    }

    @Override
    public Standing standing() {
        String jobId = reader.jobId();
        JobRow job = jobs.job(jobId).orElseThrow(() -> new IllegalStateException("job " + jobId + " is gone"));
        return new Standing(job.totalChunks(), job.state());
    }
}
