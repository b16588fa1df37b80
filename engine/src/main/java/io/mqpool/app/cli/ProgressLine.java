package io.mqpool.app.cli;

import io.mqpool.config.Durations;
import java.time.Duration;
import java.util.Locale;

/**
 * One line of progress for a job, such as
 * {@code [##########----------]  10/20  50%  4.0/s  ETA 2.5s  1 failed}; once the job has ended,
 * its state and time take the place of the ETA.
 */
final class ProgressLine {

    static final int BAR_WIDTH = 20;

    private ProgressLine() {
    }

    static String render(JobView job) {
        long finished = job.finished();
        long total = job.total() == null ? -1 : job.total();
        StringBuilder line = new StringBuilder()
                .append(bar(finished, total)).append("  ")
                .append(finished).append('/').append(job.totalText()).append("  ")
                .append(total < 0 ? "?" : Long.toString(percent(finished, total))).append("%  ")
                .append(rate(job.rate())).append("  ");
        if (job.ended()) {
            line.append(job.state());
            if (job.elapsedMs() != null) {
                line.append(" in ").append(Durations.forPeople(Duration.ofMillis(job.elapsedMs())));
            }
        } else {
            line.append("ETA ").append(total < 0 ? "?" : eta(job.remaining(), job.rate()));
        }
        if (job.failed() > 0) {
            line.append("  ").append(job.failed()).append(" failed");
        }
        return line.toString();
    }

    /** The bar; empty while the total is unknown (negative). */
    static String bar(long finished, long total) {
        int filled = total < 0 ? 0 : total == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * Math.min(finished, total) / total);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }

    /** Whole percent, rounded down so that 100% means every task has finished. */
    static long percent(long finished, long total) {
        return total <= 0 ? 100 : 100 * Math.min(finished, total) / total;
    }

    static String rate(double perSecond) {
        String format = perSecond >= 100 ? "%.0f/s" : perSecond >= 10 ? "%.1f/s" : "%.2f/s";
        return String.format(Locale.ROOT, format, perSecond);
    }

    /** The time left at this rate; {@code ?} before any task has finished. */
    static String eta(long remaining, double perSecond) {
        if (remaining <= 0) {
            return "0.0s";
        }
        if (perSecond <= 0 || Double.isNaN(perSecond)) {
            return "?";
        }
        return Durations.forPeople(Duration.ofMillis((long) (remaining * 1000 / perSecond)));
    }
}
