package io.mqpool.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * A 16-byte file, mapped into the worker's memory, that holds the chunk and the index of the
 * task it runs: {@code [chunk key][task index]}. Writing it costs a few nanoseconds, where a
 * status line per task cost microseconds in the worker and more in the supervisor; and what a
 * process wrote to a shared mapping survives its death, so the supervisor reads the file after
 * a worker died to learn which task killed it.
 */
public final class CurrentTaskFile {

    static final int SIZE = 2 * Long.BYTES;

    private final MappedByteBuffer buffer;

    private CurrentTaskFile(MappedByteBuffer buffer) {
        this.buffer = buffer;
    }

    /** Maps {@code file}, creating it when missing. */
    static CurrentTaskFile open(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            return new CurrentTaskFile(channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map the current-task file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A chunk starts: its key first, so a reader never pairs the new key with the old chunk's index. */
    void chunkStarting(String jobId, int chunkNo, long firstIndex) {
        buffer.putLong(0, key(jobId, chunkNo));
        VarHandle.storeStoreFence();
        buffer.putLong(Long.BYTES, firstIndex);
    }

    void taskStarting(long index) {
        buffer.putLong(Long.BYTES, index);
    }

    /**
     * The task a worker last started in chunk {@code jobId:chunkNo}, as its file says; empty when
     * the file is missing, unreadable or about another chunk.
     */
    public static OptionalLong lastTaskOf(Path file, String jobId, int chunkNo) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < SIZE) {
                return OptionalLong.empty();
            }
            ByteBuffer read = ByteBuffer.wrap(bytes);
            return read.getLong(0) == key(jobId, chunkNo) ? OptionalLong.of(read.getLong(Long.BYTES))
                    : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static long key(String jobId, int chunkNo) {
        return ((long) jobId.hashCode() << 32) ^ (chunkNo & 0xffffffffL) ^ 0x5bd1e995L;
    }
}
