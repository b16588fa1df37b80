package io.mqpool.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code mqpool server} process shared by the tests of one class: started before them in
 * a temporary data directory, stopped after them (after the class's own {@code @AfterAll}), its
 * directory removed.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RunningServer server = RunningServer.withWorkers(2);
 * private static final HttpApiClient api = server.api();
 * }</pre>
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {

    private final int workers;
    private final String[] flags;
    private final HttpApiClient api = new HttpApiClient(this::url);
    private ServerProcess process;

    private RunningServer(int workers, String... flags) {
        this.workers = workers;
        this.flags = flags;
    }

    /** A server with {@code workers} worker processes and these extra command-line flags. */
    public static RunningServer withWorkers(int workers, String... flags) {
        return new RunningServer(workers, flags);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName();
        try {
            process = ServerProcess.start(Files.createTempDirectory("mqpool-" + name + "-"), workers, flags);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for " + name, e);
        }
    }

    /** Stops the server, then removes its data directory. */
    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (process == null) {
            return;
        }
        process.close();
        try (Stream<Path> paths = Files.walk(process.dataDir())) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The server process; only once the tests of the class have begun. */
    public ServerProcess process() {
        if (process == null) {
            throw new IllegalStateException("the server starts before the tests of its class");
        }
        return process;
    }

    /** Where the server answers, such as {@code http://127.0.0.1:41234}. */
    public URI url() {
        return process().url();
    }

    /** A client of this server's API, usable from the first test on. */
    public HttpApiClient api() {
        return api;
    }
}
