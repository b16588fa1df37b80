package io.mqpool.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code <data>/server.lock}: an OS file lock held for the life of a server, with its pid written
 * inside so that a second server can say who holds the directory. The OS releases the lock when
 * the process dies, however it dies, so a stale file never blocks a restart.
 */
final class DataDirLock implements AutoCloseable {

    static final String FILE_NAME = "server.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the data directory if needed and takes its lock. Does not wait for it.
     *
     * @throws ServerStartException if another server holds it (naming its pid), or the directory
     *     cannot be created or written
     */
    static DataDirLock acquire(Path dataDir, long pid) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ServerStartException("cannot use the data directory " + dataDir + ": " + describe(e), e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new ServerStartException("the data directory " + dataDir + " is in use by another mqpool "
                        + "server (pid " + holder + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new ServerStartException("cannot lock the data directory " + dataDir + ": " + describe(e), e);
        }
    }

    private static String holder(FileChannel channel) throws IOException {
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
