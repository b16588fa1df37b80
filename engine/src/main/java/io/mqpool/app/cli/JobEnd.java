package io.mqpool.app.cli;

import java.util.Optional;

/**
 * How a watched job ended, or stood when the results so far were read.
 *
 * @param job the job's last view
 * @param printedFailures failed tasks among the printed results
 */
record JobEnd(JobView job, long printedFailures) {

    /** 4 when the job timed out, 1 when tasks failed or it was cancelled, else 0. */
    int exitCode() {
        if (JobView.TIMED_OUT.equals(job.state())) {
            return ExitCodes.TIMED_OUT;
        }
        if (failures() > 0 || job.ended() && !"COMPLETED".equals(job.state())) {
            return ExitCodes.TASKS_FAILED;
        }
        return ExitCodes.DONE;
    }

    long failures() {
        return Math.max(printedFailures, job.failed());
    }

    /** A line for stderr when the job did not simply complete. */
    Optional<String> note() {
        String counts = job.finished() + " of " + job.totalText() + " tasks finished";
        return switch (job.state()) {
            case JobView.TIMED_OUT -> Optional.of("job " + job.id() + " timed out"
                    + (job.timeout() != null ? " after " + job.timeout() : "") + ": " + counts);
            case JobView.CANCELLED -> Optional.of("job " + job.id() + " was cancelled: " + counts);
            default -> failures() > 0
                    ? Optional.of("job " + job.id() + ": " + failures() + " of " + job.totalText() + " tasks failed")
                    : Optional.empty();
        };
    }
}
