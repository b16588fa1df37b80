package io.mqpool.app.bench;

/** Wall time of one step, in the units the bench reports. */
final class Timer {

    private final long start = System.nanoTime();

    static Timer start() {
        return new Timer();
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    double millis() {
        return (System.nanoTime() - start) / 1e6;
    }
}
