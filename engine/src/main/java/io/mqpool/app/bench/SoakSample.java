package io.mqpool.app.bench;

import java.util.Map;

/**
 * What the soak measured of its server at one moment.
 *
 * @param seconds since the clients started
 * @param tasksDone tasks that got their outcome since the server started
 * @param dataBytes the sizes of every file under the server's data directory, added up
 * @param storeBytes of those, the store's file
 * @param heapAfterGcBytes the server's heap in use after its last collection
 * @param threads the server JVM's live threads
 * @param openFds the server process's open file descriptors
 * @param afterFullGc whether the server's heap was collected in full just before: its heap is then what it holds alive
 */
record SoakSample(double seconds, long tasksDone, long dataBytes, long storeBytes, long heapAfterGcBytes, int threads,
                  int openFds, boolean afterFullGc) {

    /**
     * A sample from a scrape of the server's metrics ({@link ServerMetrics#scrape}).
     *
     * @throws IllegalStateException if the scrape lacks a figure the soak follows
     */
    static SoakSample of(double seconds, long dataBytes, Map<String, Double> scrape, boolean afterFullGc) {
        return new SoakSample(seconds, (long) required(scrape, ServerMetrics.TASKS_DONE), dataBytes,
                (long) required(scrape, ServerMetrics.STORE_SIZE), (long) required(scrape, ServerMetrics.HEAP_AFTER_GC),
                (int) required(scrape, ServerMetrics.THREADS), (int) required(scrape, ServerMetrics.OPEN_FDS),
                afterFullGc);
    }

    private static double required(Map<String, Double> scrape, String name) {
        Double value = scrape.get(name);
        if (value == null) {
            throw new IllegalStateException("the server's /metrics has no " + name);
        }
        return value;
    }
}
