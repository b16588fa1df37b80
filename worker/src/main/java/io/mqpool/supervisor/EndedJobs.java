package io.mqpool.supervisor;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The latest jobs that ended, oldest first: every worker is told of them as it is launched,
 * since a chunk of an ended job may come back to the queue from a worker that died holding it.
 * Not thread-safe: it lives in {@link WorkerSlots}, under their lock, so that a worker launched
 * while a job ends hears of it either way.
 */
final class EndedJobs {

    /** Enough for every chunk still around. */
    private static final int REMEMBERED = 1000;

    private final Set<String> jobs = new LinkedHashSet<>();

    void add(String jobId) {
        jobs.add(jobId);
        if (jobs.size() > REMEMBERED) {
            jobs.remove(jobs.iterator().next());
        }
    }

    /** Tells {@code process} to skip the chunks of every job remembered. */
    void tell(WorkerProcess process) {
        jobs.forEach(process::skip);
    }
}
