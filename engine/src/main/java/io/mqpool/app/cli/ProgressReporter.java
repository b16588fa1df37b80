package io.mqpool.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;

/**
 * Shows a job's progress on stderr: in {@link ProgressMode#BAR} mode one line redrawn in place
 * (and erased while results are printed, so the two do not mix on one terminal); in
 * {@link ProgressMode#LINES} mode a plain line at most every {@code lineInterval}, and always
 * the last one. Not thread-safe: one command drives it.
 */
final class ProgressReporter {

    static final Duration LINE_INTERVAL = Duration.ofSeconds(2);
    /** The refresh interval when nothing is shown: a long-poll well under the server's 60 s cap. */
    private static final Duration QUIET_WAIT = Duration.ofSeconds(10);

    private final PrintWriter err;
    private final ProgressMode mode;
    private final Clock clock;
    private final Duration lineInterval;
    private int shownWidth;
    private long lastLineAt = Long.MIN_VALUE;
    private String lastLine = "";

    /** @param mode BAR, LINES or NONE; AUTO must be resolved first */
    ProgressReporter(PrintWriter err, ProgressMode mode, Clock clock, Duration lineInterval) {
        if (mode == ProgressMode.AUTO) {
            throw new IllegalArgumentException("resolve AUTO before building a reporter");
        }
        this.err = err;
        this.mode = mode;
        this.clock = clock;
        this.lineInterval = lineInterval;
    }

    /** How long a caller may wait between updates without the display going stale. */
    Duration refreshInterval() {
        return switch (mode) {
            case BAR -> Duration.ofMillis(500);
            case LINES -> lineInterval;
            default -> QUIET_WAIT;
        };
    }

    /** Whether anything is shown at all: with NONE, callers need not look the job up. */
    boolean shown() {
        return mode != ProgressMode.NONE;
    }

    /** Shows the job's progress now (BAR) or when a line is due (LINES). */
    void show(JobView job) {
        if (mode == ProgressMode.BAR) {
            draw(ProgressLine.render(job));
        } else if (mode == ProgressMode.LINES) {
            long now = clock.millis();
            if (lastLineAt == Long.MIN_VALUE || now - lastLineAt >= lineInterval.toMillis()) {
                lastLineAt = now;
                printLine(job);
            }
        }
    }

    /** Erases the bar, so that other output can be printed on a clean line. */
    void clear() {
        if (mode == ProgressMode.BAR && shownWidth > 0) {
            err.print("\r" + " ".repeat(shownWidth) + "\r");
            err.flush();
            shownWidth = 0;
        }
    }

    /** Shows the final state and ends the line. */
    void finish(JobView job) {
        if (mode == ProgressMode.BAR) {
            draw(ProgressLine.render(job));
            err.println();
            err.flush();
            shownWidth = 0;
        } else if (mode == ProgressMode.LINES && !lastLine.equals(prefix(job) + ProgressLine.render(job))) {
            printLine(job);
        }
    }

    private void printLine(JobView job) {
        lastLine = prefix(job) + ProgressLine.render(job);
        err.println(lastLine);
        err.flush();
    }

    private void draw(String line) {
        // Pad over a longer previous line: the bar's text can shrink (ETA 1m05s -> ETA 59s).
        int pad = Math.max(0, shownWidth - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        shownWidth = line.length();
    }

    private static String prefix(JobView job) {
        return "job " + job.id() + " ";
    }
}
