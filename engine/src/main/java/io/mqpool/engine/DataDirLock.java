package io.mqpool.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An OS file lock in the data directory, held for the life of a process, with its pid written
 * inside so that a second process can say who holds the directory. The OS releases the lock when
 * the process dies, however it dies, so a stale file never blocks a restart. The engine holds
 * {@code engine.lock} (two engines on one journal and database would corrupt both); the server
 * holds {@code server.lock} as well, before it touches its log.
 */
public final class DataDirLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the data directory if needed and takes the lock {@code fileName} in it. Does not
     * wait for it.
     *
     * @param holder who takes it, for the message another process gets: "mqpool server"
     * @throws IllegalStateException if another process holds it (naming its pid), or the
     *     directory cannot be created or written; the message is one line
     */
    public static DataDirLock acquire(Path dataDir, String fileName, String holder, long pid) {
        Path file = dataDir.resolve(fileName);
        FileChannel channel;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use the data directory " + dataDir + ": " + describe(e), e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                // Held by another channel of this very JVM, such as a second Pool on one directory.
                lock = null;
            }
            if (lock == null) {
                String pidOfHolder = holderPid(channel);
                channel.close();
                throw new IllegalStateException("the data directory " + dataDir + " is in use by another "
                        + holder + " (pid " + pidOfHolder + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new IllegalStateException("cannot lock the data directory " + dataDir + ": " + describe(e), e);
        }
    }

    private static String holderPid(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        return text.isEmpty() ? "unknown" : text;
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT) + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    private static void closeQuietly(FileChannel channel, IOException failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Releases the lock; the file stays (its content is only read while it is locked). Idempotent. */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
