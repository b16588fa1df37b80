package io.mqpool.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;

/**
 * Reads the supervisor's commands from the worker's stdin on thread
 * {@code mqpool-worker-stdin}. The line {@code drain} asks the worker to finish its chunk and
 * exit; end of input means the supervisor is gone, and the worker halts at once so that it
 * never outlives its supervisor (an uncommitted chunk simply returns to the queue).
 */
final class StdinWatcher {

    private final InputStream in;
    private final StopSignal stop;
    private final Runnable onEndOfInput;
    private final WorkerLog log;

    StdinWatcher(InputStream in, StopSignal stop, Runnable onEndOfInput, WorkerLog log) {
        this.in = in;
        this.stop = stop;
        this.onEndOfInput = onEndOfInput;
        this.log = log;
    }

    /**
     * Starts the daemon thread. It stops at end of input, which is also how it is stopped:
     * the worker exits and the pipe closes.
     */
    Thread start() {
        Thread thread = new Thread(this::readUntilEndOfInput, "mqpool-worker-stdin");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void readUntilEndOfInput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(in, Charset.defaultCharset()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.trim().equals("drain")) {
                    stop.request();
                } else if (!line.isBlank()) {
                    log.line("ignoring unknown command on stdin: '" + line.trim() + "'");
                }
            }
        } catch (IOException e) {
            log.line("stdin failed (" + e.getMessage() + "); treating it as end of input");
        }
        onEndOfInput.run();
    }
}
