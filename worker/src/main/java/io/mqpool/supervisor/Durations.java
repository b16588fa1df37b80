package io.mqpool.supervisor;

import java.time.Duration;

/** How durations read in messages: {@code 30 s}, {@code 250 ms}. */
final class Durations {

    private Durations() {
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
