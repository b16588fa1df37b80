package io.mqpool.app.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A class-data-sharing archive of the server's classes beside the runnable jar, the one the
 * {@code mqpool} launcher records and uses too: a JVM that maps the classes in ready-made starts
 * the server about 0.8 s sooner on two cores, where loading them from the jar competes with the
 * starting workers for the CPU. The archive is recorded by a server that exits normally.
 *
 * @param jar the runnable jar the servers run from
 * @param file the archive, {@code mqpool-engine-…-all.jsa}
 */
record ServerClassArchive(Path jar, Path file) {

    /** The archive beside the jar this JVM runs from; empty when it runs from a class path of directories (tests). */
    static Optional<ServerClassArchive> of(JavaCommand java) {
        String classPath = java.classPath();
        if (!classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)) {
            return Optional.empty();
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        String name = jar.getFileName().toString();
        return Optional.of(new ServerClassArchive(jar, jar.resolveSibling(name.substring(0, name.length() - 4) + ".jsa")));
    }

    /** Whether the archive exists and was recorded from the jar as it is now. */
    boolean upToDate() {
        try {
            return Files.isRegularFile(file)
                    && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(jar)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** JVM options that record the archive when the JVM exits normally. */
    List<String> recordOptions() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the class archive " + file, e);
        }
        // Recording warns on stdout of every class it cannot archive (picocli's are Java 5 classes).
        return List.of("-XX:ArchiveClassesAtExit=" + file, "-Xlog:cds*=off");
    }

    /** JVM options that start from the archive; a JVM that cannot use it loads classes as usual. */
    List<String> useOptions() {
        return List.of("-XX:SharedArchiveFile=" + file, "-Xshare:auto");
    }
}
