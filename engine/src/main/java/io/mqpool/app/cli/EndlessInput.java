package io.mqpool.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * An input stream that passes on its source's bytes but never its end: once the source is
 * exhausted, reads block until the thread is interrupted. For a hand-started worker, whose
 * stdin closing must not mean "stop" (see {@link WorkerCommand}).
 */
final class EndlessInput extends InputStream {

    private final InputStream source;
    private final Object never = new Object();

    EndlessInput(InputStream source) {
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        int b = source.read();
        return b >= 0 ? b : blockForever();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = source.read(buffer, offset, length);
        return n >= 0 ? n : blockForever();
    }

    private int blockForever() throws IOException {
        synchronized (never) {
            try {
                while (true) {
                    never.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting on stdin");
            }
        }
    }
}
