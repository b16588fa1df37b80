package io.mqpool;

import java.util.List;

/** The outcomes of a job on threads as its {@link ResultSequence} reads them, from the job's memory. */
final class ThreadJobFeed<R> implements OutcomeFeed<R> {

    private final ThreadJob job;

    ThreadJobFeed(ThreadJob job) {
        this.job = job;
    }

    @Override
    @SuppressWarnings("unchecked") // typed by the task, as every outcome is
    public List<List<Outcome<R>>> next(int limit) {
        return (List<List<Outcome<R>>>) (List<?>) job.next(limit);
    }

    @Override
    public Standing standing() {
        return job.standing();
    }
}
