package io.mqpool.jobs;

/** A context for calling tasks directly in tests. */
record StubContext(String jobId, long taskIndex, int redeliveries, String workerId) implements TaskContext {

    StubContext() {
        this("job-1", 0, 0, "w1");
    }
}
