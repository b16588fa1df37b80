package io.mqpool.supervisor;

import io.mqpool.config.WorkerSettings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class-data-sharing archive that worker JVMs start from: the JVM maps the classes a worker
 * needs in ready-made, already verified, instead of reading and checking them from the class
 * path. On two cores, where the workers start beside the broker and the store, that takes about
 * 0.6 s of CPU off each worker and half a second off a pool's start.
 *
 * <p>One archive per class path, named by a digest of the {@code java} executable, the JVM
 * options and every class path entry's path, size and modification time, so a rebuilt jar or
 * another JDK gets an archive of its own rather than one the JVM would refuse. The first worker
 * launched without an archive records one as it exits; its file becomes the archive (by a rename,
 * so a worker never maps a half-written file) only when that worker exited normally. The newest
 * {@value #KEPT} archives are kept. A class path with a directory in it cannot be archived by the
 * JVM, nor can options that already choose an archive; then workers start as they always did.
 */
final class WorkerClassArchive {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerClassArchive.class);
    private static final String PREFIX = "worker-";
    private static final String SUFFIX = ".jsa";
    static final int KEPT = 4;
    /** The JVM warns on stdout of each class it cannot archive, and of an archive it cannot map. */
    private static final String QUIET = "-Xlog:cds*=off";

    private static final AtomicLong RECORDINGS = new AtomicLong();

    private final Path file;
    private final Clock clock;
    private Path recording;
    private long recorderPid = -1;

    private WorkerClassArchive(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /**
     * The archive for these workers, or empty when they cannot have one; {@code clock} tells
     * which recordings are old enough to be left behind. Reads file attributes.
     */
    static Optional<WorkerClassArchive> of(WorkerSettings settings, Clock clock) {
        if (settings.classArchives().isEmpty() || settings.classPath().isEmpty()
                || settings.jvmOptions().stream().anyMatch(WorkerClassArchive::choosesSharing)) {
            return Optional.empty();
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            add(digest, settings.javaCommand().toRealPath());
            settings.jvmOptions().forEach(option -> digest.update((option + "\n").getBytes(StandardCharsets.UTF_8)));
            for (String entry : settings.classPath().split(File.pathSeparator)) {
                Path path = Path.of(entry).toAbsolutePath();
                if (!Files.isRegularFile(path)) {
                    return Optional.empty(); // a directory, or nothing: the JVM archives jars only
                }
                add(digest, path);
            }
            String name = PREFIX + HexFormat.of().formatHex(digest.digest(), 0, 12) + SUFFIX;
            return Optional.of(new WorkerClassArchive(settings.classArchives().get().resolve(name), clock));
        } catch (IOException e) {
            LOG.debug("workers start without a class archive: {}", e.toString());
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static boolean choosesSharing(String option) {
        return option.startsWith("-Xshare") || option.contains("SharedArchiveFile")
                || option.contains("ArchiveClassesAtExit");
    }

    private static void add(MessageDigest digest, Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        digest.update((path + "\n" + attributes.size() + "\n" + attributes.lastModifiedTime().toMillis() + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The archive's file. */
    Path file() {
        return file;
    }

    /**
     * The JVM options of the next worker to launch: start from the archive when there is one;
     * else the first worker records it, and the others start without. Holds the lock briefly.
     */
    synchronized List<String> nextOptions() {
        if (Files.isRegularFile(file)) {
            return List.of("-XX:SharedArchiveFile=" + file, QUIET);
        }
        if (recording != null) {
            return List.of();
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            LOG.debug("workers start without a class archive: cannot create {}: {}", file.getParent(), e.toString());
            return List.of();
        }
        // Two pools of one JVM may record the same archive at once: each into a file of its own.
        recording = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + RECORDINGS.incrementAndGet() + ".recording");
        return List.of("-XX:ArchiveClassesAtExit=" + recording, QUIET);
    }

    /** Tells which process was launched with the options {@link #nextOptions} returned last. */
    synchronized void launched(long pid, List<String> options) {
        if (recording != null && recorderPid < 0 && options.contains("-XX:ArchiveClassesAtExit=" + recording)) {
            recorderPid = pid;
        }
    }

    /**
     * A worker exited: if it recorded the archive and exited normally, its file becomes the
     * archive and the oldest archives beyond {@value #KEPT} go. Called on the worker's exit thread.
     */
    synchronized void exited(long pid, int exitCode) {
        if (pid != recorderPid) {
            return;
        }
        Path recorded = recording;
        recorderPid = -1;
        try {
            if (exitCode == 0 && Files.isRegularFile(recorded) && Files.size(recorded) > 0) {
                move(recorded, file);
                LOG.debug("recorded the workers' class archive {}", file);
                removeOldArchives();
            } else {
                Files.deleteIfExists(recorded);
                recording = null; // the next worker tries again
            }
        } catch (IOException e) {
            LOG.debug("no class archive from worker pid {}: {}", pid, e.toString());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void removeOldArchives() throws IOException {
        List<Path> archives = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(file.getParent(), PREFIX + "*" + SUFFIX)) {
            files.forEach(archives::add);
        }
        // A recording whose supervisor died before it could rename it stays behind: gone after a day.
        FileTime aDayAgo = FileTime.from(clock.instant().minus(Duration.ofDays(1)));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(file.getParent(), PREFIX + "*.recording")) {
            for (Path stale : files) {
                if (modified(stale).compareTo(aDayAgo) < 0) {
                    Files.deleteIfExists(stale);
                }
            }
        }
        archives.sort((a, b) -> modified(b).compareTo(modified(a)));
        for (Path old : archives.subList(Math.min(KEPT, archives.size()), archives.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
