package io.mqpool.process;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How one output stream of a child process is read.
 *
 * @param threadName the name of the daemon thread that reads it
 * @param keptLines how many of its last lines are kept for {@link ChildOutput#tail()}; 0 keeps none
 * @param eachLine receives every line, on the reading thread
 */
public record OutputReading(String threadName, int keptLines, Consumer<String> eachLine) {

    public OutputReading {
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(eachLine, "eachLine");
        if (keptLines < 0) {
            throw new IllegalArgumentException("keptLines must be 0 or more, not " + keptLines);
        }
    }
}
