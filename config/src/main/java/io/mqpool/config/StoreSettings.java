package io.mqpool.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the job store lives.
 *
 * @param url a JDBC URL of PostgreSQL or H2; empty for the H2 file in the data directory
 * @param user the database user, if the URL does not name one
 * @param passwordFile a file, readable by its owner only, holding the user's password
 */
public record StoreSettings(Optional<String> url, Optional<String> user, Optional<Path> passwordFile) {

    /** The vendors whose JDBC URLs the store accepts, by URL prefix (in any case). */
    public static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
    public static final String H2_PREFIX = "jdbc:h2:";

    /** The H2 file in the data directory. */
    public static final StoreSettings IN_DATA_DIR = new StoreSettings(Optional.empty(), Optional.empty(),
            Optional.empty());

    /** @throws IllegalArgumentException if the URL is not one of PostgreSQL or H2 */
    public StoreSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordFile, "passwordFile");
        url.ifPresent(StoreSettings::checkedUrl);
    }

    /**
     * {@code url} if it is a JDBC URL of PostgreSQL or H2.
     *
     * @throws IllegalArgumentException naming what is allowed, if it is not
     */
    public static String checkedUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(POSTGRESQL_PREFIX) && !lower.startsWith(H2_PREFIX)) {
            throw new IllegalArgumentException("must be a JDBC URL of PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE) "
                    + "or H2 (jdbc:h2:file:PATH), got '" + url + "'");
        }
        return url;
    }

    /** Whether the store is a server shared with others rather than a file of this process's own. */
    public boolean isShared() {
        return url.map(u -> u.toLowerCase(Locale.ROOT).startsWith(POSTGRESQL_PREFIX)).orElse(false);
    }
}
