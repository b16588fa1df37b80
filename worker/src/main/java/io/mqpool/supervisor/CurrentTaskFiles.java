package io.mqpool.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The directory of the workers' current-task files ({@link io.mqpool.worker.CurrentTaskFile}),
 * one per worker slot, created on first use and removed when the supervisor stops.
 */
final class CurrentTaskFiles {

    private Path dir;

    /** The file of worker {@code slotId}; a restarted worker takes over its predecessor's. */
    synchronized Path fileFor(String slotId) {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("mqpool-workers-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for the workers' current-task files: "
                        + e.getMessage(), e);
            }
        }
        return dir.resolve(slotId + ".task");
    }

    /** Removes the directory and its files; best effort, idempotent. */
    synchronized void deleteAll() {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // A leftover 16-byte file in the temp directory harms nothing.
        }
        dir = null;
    }
}
