package io.mqpool.server.docker;

import static org.awaitility.Awaitility.await;

import io.mqpool.process.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A container of {@link LocalHost}: the process its entrypoint became, and its data directory. */
final class LocalContainer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final Path dataDir;
    private final ChildProcess process;

    LocalContainer(String name, Path dataDir, ChildProcess process) {
        this.name = name;
        this.dataDir = dataDir;
        this.process = process;
    }

    /**
     * Blocks until a line of its standard output matches {@code line}.
     *
     * @throws org.awaitility.core.ConditionTimeoutException after 90 s, or at once if it exits first
     */
    Matcher awaitLine(Pattern line) {
        await("a line of the " + name + " matching " + line).atMost(START_TIMEOUT)
                .failFast(name + " exited: " + process.output(), () -> !process.isAlive())
                .until(() -> matching(line) != null);
        return matching(line);
    }

    private Matcher matching(Pattern line) {
        return process.stdout().text().lines().map(line::matcher).filter(Matcher::matches).findFirst().orElse(null);
    }

    Path dataDir() {
        return dataDir;
    }

    String output() {
        return process.output();
    }

    /** {@code docker stop}: SIGTERM, and whatever survives it is killed. */
    @Override
    public void close() {
        process.close();
    }
}
