package io.mqpool.engine.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Readings of the store that cost one small query or a file's size, for {@code /metrics} and
 * {@code /api/health}: never per task. Each blocks on the database (or the file system) and
 * throws {@link StoreException} when it fails.
 */
public final class StoreReadings {

    /** What H2 adds to a database's name for its file (the MVStore). */
    private static final String H2_FILE_SUFFIX = ".mv.db";

    private final Database database;
    private final JobTable jobs;
    private final Dialect dialect;
    /** The H2 file, when the URL names one on this host (not an in-memory or a TCP database). */
    private final Optional<Path> h2File;

    StoreReadings(Database database, StoreLocation location, JobTable jobs) {
        this.database = database;
        this.jobs = jobs;
        this.dialect = location.dialect();
        this.h2File = dialect == Dialect.H2 ? h2File(location.url()) : Optional.empty();
    }

    /** Jobs per state, in one query; a state without a job is absent. */
    public Map<JobState, Long> jobsByState() {
        return database.read("count jobs by state", jobs::countByState);
    }

    /**
     * One round trip to the database through the pool ({@code SELECT 1}).
     *
     * @throws StoreException if the database does not answer
     */
    public void ping() {
        database.read("reach the store", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1"); ResultSet rows = s.executeQuery()) {
                return rows.next();
            }
        });
    }

    /**
     * Bytes the store takes on disk: the H2 file's size, or PostgreSQL's
     * {@code pg_database_size} of the current database. Empty for an H2 database that is not a
     * file on this host (in memory, or behind H2's own TCP server).
     */
    public OptionalLong bytesOnDisk() {
        if (dialect == Dialect.POSTGRESQL) {
            return OptionalLong.of(database.read("read the size of the database", c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT pg_database_size(current_database())");
                     ResultSet rows = s.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }));
        }
        if (h2File.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Files.size(h2File.get()));
        } catch (IOException e) {
            throw new StoreException("cannot read the size of " + h2File.get() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file of an H2 URL such as {@code jdbc:h2:file:/data/db/mqpool;OPTION=...} or
     * {@code jdbc:h2:/data/db/mqpool}; empty for {@code mem:}, {@code tcp:}, {@code ssl:} and
     * home-relative ({@code ~}) names.
     */
    static Optional<Path> h2File(String url) {
        String name = url.substring("jdbc:h2:".length());
        int options = name.indexOf(';');
        if (options >= 0) {
            name = name.substring(0, options);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")) {
            return Optional.empty();
        }
        if (lower.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        if (name.isEmpty() || name.startsWith("~")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(name + H2_FILE_SUFFIX));
    }
}
