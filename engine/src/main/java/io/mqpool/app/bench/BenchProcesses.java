package io.mqpool.app.bench;

import io.mqpool.process.ChildProcess;
import io.mqpool.process.ChildSpec;
import io.mqpool.process.OutputReading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * How the bench starts its children (a server, a probe JVM, python3): both streams read on
 * threads named {@code mqpool-bench-<name>-stdout} and {@code -stderr}, their last 200 lines
 * kept for error messages, stdin closed.
 */
final class BenchProcesses {

    private static final int KEPT_LINES = 200;

    private BenchProcesses() {
    }

    /**
     * Starts {@code command}; does not wait for it.
     *
     * @param name a short name for threads and messages, such as {@code server}
     * @throws IOException if the program cannot be run at all (not installed)
     */
    static ChildProcess start(String name, List<String> command, Consumer<String> stdoutLines,
                              Consumer<String> stderrLines) throws IOException {
        return ChildProcess.start(ChildSpec.of(name, command,
                new OutputReading("mqpool-bench-" + name + "-stdout", KEPT_LINES, stdoutLines),
                new OutputReading("mqpool-bench-" + name + "-stderr", KEPT_LINES, stderrLines)));
    }

    /** Starts a JVM or script that must be there: not being able to run it is an error. */
    static ChildProcess launch(String name, List<String> command, Consumer<String> stdoutLines,
                               Consumer<String> stderrLines) {
        try {
            return start(name, command, stdoutLines, stderrLines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + ": " + command, e);
        }
    }
}
