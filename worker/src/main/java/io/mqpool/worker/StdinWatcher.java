package io.mqpool.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the supervisor's commands from the worker's stdin on thread
 * {@code mqpool-worker-stdin}. The line {@code drain} asks the worker to finish its chunk and
 * exit, {@code skip JOB} tells it that a job ended (see {@link SkippedJobs}), and {@code go}
 * lets a standby worker take chunks (see {@link StandbyGate}); end of input means the
 * supervisor is gone, and the worker halts at once so that it never outlives its supervisor
 * (an uncommitted chunk simply returns to the queue).
 *
 * <p>Stdin is read through a channel that {@link #stop()} can close under the blocked reader:
 * a JVM that exits while a thread sits in a native read waits 300 ms for it first.
 */
final class StdinWatcher {

    private static final Path STDIN = Path.of("/dev/stdin");
    private static final int READ_BUFFER_BYTES = 256;

    private final ReadableByteChannel in;
    private final StopSignal stop;
    private final SkippedJobs skipped;
    private final Runnable onEndOfInput;
    private final WorkerLog log;
    private final StandbyGate gate;
    private volatile boolean stopping;
    private Thread thread;

    StdinWatcher(ReadableByteChannel in, StopSignal stop, SkippedJobs skipped, Runnable onEndOfInput,
                 WorkerLog log) {
        this(in, stop, skipped, onEndOfInput, log, StandbyGate.open());
    }

    /** Like the other constructor, for a worker that may start on standby behind {@code gate}. */
    StdinWatcher(ReadableByteChannel in, StopSignal stop, SkippedJobs skipped, Runnable onEndOfInput,
                 WorkerLog log, StandbyGate gate) {
        this.gate = gate;
        this.in = in;
        this.stop = stop;
        this.skipped = skipped;
        this.onEndOfInput = onEndOfInput;
        this.log = log;
    }

    /** This process's stdin as a channel that can be closed while a read blocks on it. */
    static ReadableByteChannel stdin(InputStream fallback) {
        if (Files.isReadable(STDIN)) {
            try {
                return FileChannel.open(STDIN, StandardOpenOption.READ);
            } catch (IOException | UnsupportedOperationException e) {
                // Not a Unix-like system: the stream's channel cannot be closed under a reader.
            }
        }
        return Channels.newChannel(fallback);
    }

    /** Starts the daemon thread. It ends at end of input or after {@link #stop()}. */
    void start() {
        thread = new Thread(this::readUntilEndOfInput, "mqpool-worker-stdin");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops reading without treating it as end of input, and waits briefly for the thread. */
    void stop() throws InterruptedException {
        stopping = true;
        try {
            in.close();
        } catch (IOException e) {
            // The reader sees the failure and ends all the same.
        }
        if (thread != null) {
            thread.join(100);
        }
    }

    private void readUntilEndOfInput() {
        // Bytes are split into lines by hand: a Reader over a FileChannel waits to fill its
        // buffer, and the supervisor's one-line commands would sit in it unread.
        ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
        StringBuilder line = new StringBuilder();
        try {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    char c = (char) (buffer.get() & 0xff);
                    if (c == '\n') {
                        command(line.toString().trim());
                        line.setLength(0);
                    } else {
                        line.append(c);
                    }
                }
                buffer.clear();
            }
        } catch (IOException e) {
            if (stopping) {
                return;
            }
            log.line("stdin failed (" + e.getMessage() + "); treating it as end of input");
        }
        if (!stopping) {
            onEndOfInput.run();
        }
    }

    private void command(String line) {
        if (line.equals("drain")) {
            stop.request();
            // A standby worker told to drain goes on only to find that it must stop.
            gate.release();
        } else if (line.equals("go")) {
            gate.release();
        } else if (line.startsWith("skip ") && line.length() > "skip ".length()) {
            skipped.add(line.substring("skip ".length()).trim());
        } else if (!line.isEmpty()) {
            log.line("ignoring unknown command on stdin: '" + line + "'");
        }
    }
}
