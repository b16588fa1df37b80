package io.mqpool.engine.store;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The life of a job, and the one table of moves allowed between its states. */
public enum JobState {
    /** Accepted; tasks are queued or running. */
    RUNNING,
    /** Every task has an outcome and none failed. */
    COMPLETED,
    /** Every task has an outcome and at least one failed. */
    FAILED,
    /** Cancelled before every task had an outcome. */
    CANCELLED,
    /** Past its deadline before every task had an outcome. */
    TIMED_OUT;

    private static final Map<JobState, Set<JobState>> ALLOWED = Map.of(
            RUNNING, EnumSet.of(COMPLETED, FAILED, CANCELLED, TIMED_OUT),
            COMPLETED, EnumSet.noneOf(JobState.class),
            FAILED, EnumSet.noneOf(JobState.class),
            CANCELLED, EnumSet.noneOf(JobState.class),
            TIMED_OUT, EnumSet.noneOf(JobState.class));

    /**
     * Whether a job in this state may move to {@code next}. The store changes a job's state only
     * through this table: a job is created RUNNING and ends in one of the four final states,
     * which are final.
     */
    public boolean canMoveTo(JobState next) {
        return ALLOWED.get(this).contains(next);
    }

    public boolean isFinished() {
        return this != RUNNING;
    }
}
