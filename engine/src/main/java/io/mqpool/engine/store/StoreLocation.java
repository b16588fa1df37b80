package io.mqpool.engine.store;

import io.mqpool.config.SecretFiles;
import io.mqpool.config.StoreSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a job store is and how to sign in to it.
 *
 * @param url the JDBC URL, without the additions a durable connection needs
 * @param user the database user, or empty when the URL or the database's defaults name one
 * @param password the user's password, or empty
 */
public record StoreLocation(String url, Optional<String> user, Optional<String> password) {

    public StoreLocation {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** The H2 file {@code mqpool} in {@code dir}. */
    public static StoreLocation h2(Path dir) {
        return new StoreLocation("jdbc:h2:file:" + dir.resolve("mqpool").toAbsolutePath(), Optional.of("sa"),
                Optional.of(""));
    }

    /**
     * The store {@code settings} name, or the H2 file in {@code defaultDir} if they name none.
     *
     * @throws SecretFiles.SecretFileException if the password file is missing, unreadable or
     *     readable by others
     */
    public static StoreLocation of(StoreSettings settings, Path defaultDir) {
        if (settings.url().isEmpty()) {
            return h2(defaultDir);
        }
        Optional<String> password = settings.passwordFile()
                .map(file -> SecretFiles.read(file, "store password").strip());
        return new StoreLocation(settings.url().get(), settings.user(), password);
    }

    Dialect dialect() {
        return Dialect.of(url);
    }

    /** Hides the password in logs and errors. */
    @Override
    public String toString() {
        return url;
    }
}
