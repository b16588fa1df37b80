package io.mqpool.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place durations are read and written: the forms users type ({@code 250ms},
 * {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, or a bare number of seconds), the rounded form people
 * read in tables and progress bars, and the exact form of log and error messages. Shared by
 * the settings, the CLI, the web pages and the supervisor.
 */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)?");

    private Durations() {
    }

    /**
     * Parses a duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d} or
     * {@code 45} (seconds). Does not block.
     *
     * @throws IllegalArgumentException if the text is not such a duration (negative ones
     *     included), with a one-line message that shows the accepted forms
     */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration; use e.g. 500ms, 30s, 5m");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        try {
            switch (unit) {
                case "ms":
                    return Duration.ofMillis(amount);
                case "m":
                    return Duration.ofMinutes(amount);
                case "h":
                    return Duration.ofHours(amount);
                case "d":
                    return Duration.ofDays(amount);
                default:
                    return Duration.ofSeconds(amount);
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
        }
    }

    /**
     * Writes a duration in the largest unit that states it exactly, in the form
     * {@link #parse} reads back: {@code 2h}, {@code 5m}, {@code 30s}, {@code 1500ms}.
     * Anything below a millisecond is dropped. Does not block.
     */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            // Only for display: parse() refuses negative durations on purpose.
            return "-" + format(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    /**
     * A duration for people, as in a progress bar, a table or a page: {@code 4.2s}, {@code 42s},
     * {@code 3m05s}, {@code 2h07m}, {@code 3d04h}. Not for reading back. Does not block.
     */
    public static String forPeople(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        long seconds = millis / 1000;
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
    }

    /**
     * A duration in a log or error message, exactly, in seconds when whole, else in
     * milliseconds, with a space before the unit: {@code 30 s}, {@code 250 ms}. The supervisor's
     * messages read this way (a worker that "did not report ready within 150 ms"). Not for
     * reading back. Does not block.
     */
    public static String inMessage(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
