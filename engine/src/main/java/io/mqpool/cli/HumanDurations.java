package io.mqpool.cli;

import java.time.Duration;
import java.util.Locale;

/** Short durations for people, as in a progress bar or a table: 4.2s, 42s, 3m05s, 2h07m, 3d04h. */
final class HumanDurations {

    private HumanDurations() {
    }

    static String format(Duration duration) {
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
}
