package io.mqpool.app.bench;

import io.mqpool.Pool;
import io.mqpool.PoolBuilder;
import io.mqpool.config.StoreSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store of one engine of the bench, made by {@link BenchStore#fresh()}: how a pool or a
 * server is pointed at it. {@link #close()} removes it (for PostgreSQL, drops its database);
 * close it after the engine on it.
 */
final class ScratchStore implements AutoCloseable {

    private final StoreSettings settings;
    private final Runnable removal;
    private boolean closed;

    ScratchStore(StoreSettings settings, Runnable removal) {
        this.settings = settings;
        this.removal = removal;
    }

    /** Empty for H2 in the data directory. */
    StoreSettings settings() {
        return settings;
    }

    /** A pool of {@code workers} worker processes on this store; blocks while it starts. */
    Pool pool(int workers) {
        return builder(settings).workers(workers).build();
    }

    /** {@code Pool.builder()} set to the store of {@code settings} (none for H2 in the data directory). */
    static PoolBuilder builder(StoreSettings settings) {
        PoolBuilder builder = Pool.builder();
        if (settings.url().isEmpty()) {
            return builder;
        }
        String url = settings.url().get();
        if (settings.passwordFile().isPresent()) {
            return builder.store(url, settings.user().orElseThrow(() -> new IllegalArgumentException(
                    "a store password file without a user: give --store-user too")), settings.passwordFile().get());
        }
        // A user without a password (trust or peer sign-in) travels in the URL, as the driver reads it.
        return builder.store(settings.user().map(user -> url + (url.contains("?") ? "&" : "?") + "user=" + user)
                .orElse(url));
    }

    /** The settings file lines of this store for {@code mqpool server --config}; none for H2. */
    List<String> settingsLines() {
        List<String> lines = new ArrayList<>();
        settings.url().ifPresent(url -> lines.add("store.url=" + url));
        settings.user().ifPresent(user -> lines.add("store.user=" + user));
        settings.passwordFile().ifPresent(file -> lines.add("store.password-file=" + file.toAbsolutePath()));
        return lines;
    }

    /** Arguments that carry this store to a child JVM: URL, user and password file, "-" for none. */
    List<String> arguments() {
        return List.of(settings.url().orElse("-"), settings.user().orElse("-"),
                settings.passwordFile().map(Path::toString).orElse("-"));
    }

    /** The settings {@link #arguments()} carried. */
    static StoreSettings fromArguments(String url, String user, String passwordFile) {
        return new StoreSettings(given(url), given(user), given(passwordFile).map(Path::of));
    }

    private static Optional<String> given(String argument) {
        return argument.equals("-") ? Optional.empty() : Optional.of(argument);
    }

    /** Removes the store; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            removal.run();
        }
    }
}
