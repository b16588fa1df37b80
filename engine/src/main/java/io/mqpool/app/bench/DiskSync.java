package io.mqpool.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The disk's own sync, where the engines keep their stores: a small write and an fsync, timed.
 * A durable {@code apply} waits for at least two of them (the broker's journal and the store's
 * commit), so it is the floor of the latency row; on shared machines it varies from day to day.
 *
 * @param p50Millis the median of the samples
 * @param p99Millis the 99th percentile
 */
record DiskSync(double p50Millis, double p99Millis) {

    private static final int SAMPLES = 200;
    private static final int BYTES = 4096;

    /** Times {@value #SAMPLES} writes of 4 KiB, each forced to disk, in a file in {@code dir} removed after. */
    static DiskSync measure(Path dir) {
        try {
            Path file = Files.createTempFile(dir, "mqpool-disk-sync-", ".tmp");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer block = ByteBuffer.allocate(BYTES);
                List<Double> millis = new ArrayList<>(SAMPLES);
                for (int i = 0; i < SAMPLES; i++) {
                    block.clear();
                    long start = System.nanoTime();
                    channel.write(block, (long) (i % 16) * BYTES);
                    channel.force(false);
                    millis.add((System.nanoTime() - start) / 1e6);
                }
                List<Double> sorted = millis.stream().sorted().toList();
                return new DiskSync(sorted.get(SAMPLES / 2), sorted.get((int) Math.ceil(SAMPLES * 0.99) - 1));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot time the disk's sync in " + dir, e);
        }
    }

    /** Such as {@code disk sync p50 0.39 ms, p99 7.02 ms}. */
    String summary() {
        return String.format(java.util.Locale.ROOT, "disk sync p50 %.2f ms, p99 %.2f ms", p50Millis, p99Millis);
    }
}
