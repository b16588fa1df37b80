package io.mqpool.engine.monitor;

import java.util.Objects;

/**
 * Whether an engine can run jobs now: its broker connection is up, its store answers, and at
 * least one worker (here or on another host) is ready.
 *
 * @param up all three hold
 * @param reason why it is down, one line; null when up
 * @param readyWorkers workers ready to take a chunk (idle or busy), here and on other hosts
 */
public record Health(boolean up, String reason, int readyWorkers) {

    public Health {
        if (up == (reason != null)) {
            throw new IllegalArgumentException(up ? "an engine that is up has no reason to be down: " + reason
                    : "an engine that is down needs a reason");
        }
    }

    static Health up(int readyWorkers) {
        return new Health(true, null, readyWorkers);
    }

    static Health down(String reason, int readyWorkers) {
        return new Health(false, Objects.requireNonNull(reason, "reason"), readyWorkers);
    }
}
