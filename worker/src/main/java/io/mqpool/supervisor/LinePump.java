package io.mqpool.supervisor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the lines of one output stream of a worker until it ends; the body of a pump thread. */
final class LinePump {

    private static final Logger LOG = LoggerFactory.getLogger(LinePump.class);

    private LinePump() {
    }

    /** Blocks, handing each line of {@code stream} to {@code onLine}, until the stream ends. */
    static void pump(String workerId, InputStream stream, Consumer<String> onLine) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, Charset.defaultCharset()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                onLine.accept(line);
            }
        } catch (IOException e) {
            // The pipe closes under us when the process is killed: that is the end of input.
            LOG.debug("reading from worker {} stopped: {}", workerId, e.toString());
        }
    }
}
