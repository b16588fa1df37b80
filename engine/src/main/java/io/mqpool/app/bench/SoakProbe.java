package io.mqpool.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;

/** What the soak measures of its server: its metrics, its data directory, and its heap after a full collection. */
final class SoakProbe {

    private final ServerMetrics metrics;
    private final Path dataDir;
    private final Optional<FullGc> fullGc;

    /** @param fullGc none without {@code jcmd}: the heap is then as the server's last collection left it */
    SoakProbe(ServerMetrics metrics, Path dataDir, Optional<FullGc> fullGc) {
        this.metrics = metrics;
        this.dataDir = dataDir;
        this.fullGc = fullGc;
    }

    boolean collectsFully() {
        return fullGc.isPresent();
    }

    /**
     * Blocks for a scrape of the server's metrics and a walk of its data directory, after a full
     * collection of its heap if {@code collect} and there is {@code jcmd}.
     *
     * @param startNanos from which the sample's time counts ({@link System#nanoTime})
     * @throws UncheckedIOException or IllegalStateException if the server cannot be measured
     */
    SoakSample sample(long startNanos, boolean collect) throws InterruptedException {
        boolean collected = collect && fullGc.isPresent();
        if (collected) {
            fullGc.get().run();
        }
        // Timed as the scrape is sent: the server reads its counters then, and the first scrape is slow.
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> scrape = metrics.scrape();
        return SoakSample.of(seconds, size(dataDir), scrape, collected);
    }

    /** The sizes of the files under {@code root}, added up; files that go while it is walked are skipped. */
    static long size(Path root) {
        long[] total = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total[0] += attrs.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the data directory " + root, e);
        }
        return total[0];
    }
}
