package io.mqpool.supervisor;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines a worker wrote to stderr, for error reports. Thread-safe. */
final class StderrTail {

    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();

    StderrTail(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** The kept lines joined with {@code " | "}, or a note that there were none. */
    synchronized String summary() {
        return lines.isEmpty() ? "(nothing on stderr)" : String.join(" | ", lines);
    }
}
