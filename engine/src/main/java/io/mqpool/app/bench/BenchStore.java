package io.mqpool.app.bench;

import io.mqpool.config.SecretFiles;
import io.mqpool.config.StoreSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The store the bench's engines keep their jobs in: H2 in each engine's data directory (the
 * default), or a PostgreSQL server ({@code mqpool bench --store URL}), on which every engine
 * gets a fresh database of its own (see {@link ScratchDatabases}).
 */
public final class BenchStore {

    private static final BenchStore EMBEDDED_H2 = new BenchStore(null, StoreSettings.IN_DATA_DIR, "H2 (embedded)");

    /** Null for H2 in the data directory. */
    private final ScratchDatabases databases;
    private final StoreSettings given;
    private final String description;

    private BenchStore(ScratchDatabases databases, StoreSettings given, String description) {
        this.databases = databases;
        this.given = given;
        this.description = description;
    }

    /** H2 in the data directory of each engine, as {@code Pool.create} has it. */
    public static BenchStore embeddedH2() {
        return EMBEDDED_H2;
    }

    /**
     * The PostgreSQL server of {@code url}, checked now: it answers, and the user may create
     * databases. Blocks for a connection (a few seconds at most).
     *
     * @param user the user to sign in as, if the URL does not name one
     * @param passwordFile the file of that user's password, readable by its owner only
     * @throws IllegalArgumentException with one line for the user: a URL that is not a JDBC URL of
     *     PostgreSQL naming a database (StoreSettings' message), or a password file that is
     *     missing or readable by others
     * @throws IllegalStateException with one line: the server cannot be reached, refuses the user,
     *     or does not let it create databases
     */
    public static BenchStore postgresql(String url, Optional<String> user, Optional<Path> passwordFile) {
        try {
            StoreSettings.checkedUrl(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--store " + e.getMessage(), e);
        }
        if (!url.toLowerCase(Locale.ROOT).startsWith(StoreSettings.POSTGRESQL_PREFIX)) {
            throw new IllegalArgumentException("--store takes a PostgreSQL URL (jdbc:postgresql://HOST:PORT/DATABASE): "
                    + "without it the bench runs on H2 in each engine's data directory, got '" + url + "'");
        }
        Optional<String> password;
        try {
            password = passwordFile.map(file -> SecretFiles.read(file, "store password").strip());
        } catch (SecretFiles.SecretFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        ScratchDatabases databases = ScratchDatabases.on(url, user, password);
        return new BenchStore(databases, new StoreSettings(Optional.of(url), user, passwordFile),
                databases.serverName() + " at " + url);
    }

    /** Such as {@code PostgreSQL 15.18 at jdbc:postgresql://127.0.0.1:5433/bench} or {@code H2 (embedded)}. */
    public String description() {
        return description;
    }

    /** Whether two servers can share it, so that one takes over from the other. */
    boolean isShared() {
        return databases != null;
    }

    /**
     * A store for one engine: for H2, the engine's own data directory; for PostgreSQL, a
     * database made now (which {@link ScratchStore#close()} drops).
     */
    ScratchStore fresh() {
        if (databases == null) {
            return new ScratchStore(StoreSettings.IN_DATA_DIR, () -> { });
        }
        String url = databases.create();
        return new ScratchStore(new StoreSettings(Optional.of(url), given.user(), given.passwordFile()),
                () -> databases.drop(url));
    }
}
