package io.mqpool.supervisor;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker is doing, as its status lines on stdout say: {@code busy JOB CHUNK FIRST SIZE
 * TIMEOUT_MS} when it takes a chunk, {@code task INDEX} before a task of it runs (not sent for
 * a chunk of one task without a timeout), {@code last} when that chunk is the worker's last
 * before it retires, {@code idle TASKS_DONE} once the chunk is committed, and {@code retiring TASKS_DONE} when it exits next because it did its share of
 * tasks. Written by the worker's stdout thread, read by any.
 */
final class StatusLines {

    private static final Logger LOG = LoggerFactory.getLogger(StatusLines.class);

    private final String workerId;
    private volatile CurrentChunk currentChunk;
    private volatile long tasksDone;
    private volatile boolean retiring;
    private volatile boolean lastChunkTaken;

    StatusLines(String workerId) {
        this.workerId = workerId;
    }

    /** The chunk the worker last reported taking, or null when it reported being idle. */
    CurrentChunk currentChunk() {
        return currentChunk;
    }

    /** Tasks the worker has finished, as it last reported. */
    long tasksDone() {
        return tasksDone;
    }

    /** Whether the worker said it exits because it did its share of tasks. */
    boolean retiring() {
        return retiring;
    }

    /**
     * Whether the worker said it took its last chunk before retirement, or that it retires:
     * the moment to start its successor.
     */
    boolean lastChunkTaken() {
        return lastChunkTaken || retiring;
    }

    /**
     * Takes a status line (without the {@code mqpool-worker } prefix) that arrived at
     * {@code now}; false if it is not one, so it is passed on as output.
     */
    boolean accept(String status, Instant now) {
        String[] words = status.split(" ");
        try {
            if (words.length == 6 && words[0].equals("busy")) {
                currentChunk = CurrentChunk.taken(words[1], Integer.parseInt(words[2]),
                        Long.parseLong(words[3]), Integer.parseInt(words[4]),
                        Long.parseLong(words[5]), now);
                return true;
            }
            if (words.length == 2 && words[0].equals("task")) {
                long index = Long.parseLong(words[1]);
                CurrentChunk chunk = currentChunk;
                if (chunk != null) {
                    currentChunk = chunk.withTask(index, now);
                }
                return true;
            }
            if (words.length == 1 && words[0].equals("last")) {
                lastChunkTaken = true;
                return true;
            }
            if (words.length == 2 && words[0].equals("retiring")) {
                tasksDone = Long.parseLong(words[1]);
                retiring = true;
                return true;
            }
            if (words.length == 2 && words[0].equals("idle")) {
                tasksDone = Long.parseLong(words[1]);
                currentChunk = null;
                return true;
            }
        } catch (NumberFormatException e) {
            LOG.warn("worker {} sent a garbled status line: {}", workerId, status);
        }
        return false;
    }
}
