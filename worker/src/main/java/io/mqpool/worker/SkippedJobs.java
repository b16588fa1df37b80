package io.mqpool.worker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jobs that ended (cancelled, timed out) while this worker may still hold some of their chunks:
 * a worker takes a few chunks ahead of the one it runs, and those must not run after the end.
 * The supervisor names them on stdin ({@code skip JOB}); their chunks are acknowledged unrun.
 */
final class SkippedJobs {

    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    void add(String jobId) {
        ids.add(jobId);
    }

    boolean contains(String jobId) {
        return ids.contains(jobId);
    }
}
