package io.mqpool.supervisor;

import java.time.Duration;

/** Pauses before restarting one worker: 100 ms, doubling up to a maximum. Not thread-safe. */
final class RestartBackoff {

    static final Duration INITIAL = Duration.ofMillis(100);

    private final Duration max;
    private Duration next = INITIAL;

    RestartBackoff(Duration max) {
        this.max = max.compareTo(INITIAL) < 0 ? INITIAL : max;
    }

    /** The pause before the next restart; each call doubles the one after. */
    Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    /** Back to 100 ms, after a worker stayed healthy long enough. */
    void reset() {
        next = INITIAL;
    }
}
