package io.mqpool.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory of the workers' current-task files ({@link io.mqpool.worker.CurrentTaskFile}),
 * one per worker slot, created on first use and removed when the supervisor stops: a directory
 * given (in the data directory; files a killed supervisor left there are removed before the
 * first worker starts), or else one of its own in the temporary directory.
 */
final class CurrentTaskFiles {

    private static final Logger LOG = LoggerFactory.getLogger(CurrentTaskFiles.class);

    /** Null for a directory of its own in the temporary directory. */
    private final Path given;
    private Path dir;

    /** @param given the directory to use, or null for a new one in the temporary directory */
    CurrentTaskFiles(Path given) {
        this.given = given;
    }

    /** The file of worker {@code slotId}; a restarted worker takes over its predecessor's. */
    synchronized Path fileFor(String slotId) {
        if (dir == null) {
            try {
                if (given == null) {
                    dir = Files.createTempDirectory("mqpool-workers-");
                } else {
                    Files.createDirectories(given);
                    // A file left by a killed supervisor names a chunk of its time: never read it as ours.
                    deleteFilesIn(given);
                    dir = given;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for the workers' current-task files: "
                        + e.getMessage(), e);
            }
        }
        return dir.resolve(slotId + ".task");
    }

    /**
     * Removes the directory and its files; idempotent. Call it once no worker is left to write
     * its file. A failure is logged: the directory stays, and a given one is emptied on next use.
     */
    synchronized void deleteAll() {
        if (dir == null) {
            return;
        }
        try {
            deleteFilesIn(dir);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.warn("cannot remove the workers' current-task files in {}: {}", dir, e.toString());
        }
        dir = null;
    }

    private static void deleteFilesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
