package io.mqpool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The data directory of a pool that keeps nothing once closed: created for it, removed with it. */
final class TemporaryDataDir {

    private final Path dir;

    private TemporaryDataDir(Path dir) {
        this.dir = dir;
    }

    /**
     * A new empty directory under the system's temporary directory.
     *
     * @throws UncheckedIOException if it cannot be created
     */
    static TemporaryDataDir create() {
        try {
            return new TemporaryDataDir(Files.createTempDirectory("mqpool-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data directory: " + e.getMessage(), e);
        }
    }

    Path path() {
        return dir;
    }

    /**
     * Removes the directory and everything in it; nothing if it is gone already.
     *
     * @throws UncheckedIOException if something in it cannot be removed
     */
    void delete() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the temporary data directory " + dir, e);
        }
    }
}
