package io.mqpool.engine.store;

import com.zaxxer.hikari.HikariConfig;
import io.mqpool.config.StoreSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What differs between the databases the store runs on. The statements are the same on both;
 * the differences are the schema files of two tables' text columns (see {@link Schema}) and
 * how a connection is made durable and quick to fail.
 */
enum Dialect {

    /** An H2 file, the default, in the data directory or at a {@code jdbc:h2:} URL. */
    H2("h2") {
        @Override
        String effectiveUrl(String url) {
            // WRITE_DELAY=0: a commit reaches the file before commit() returns, so a result is
            // never acknowledged to the broker while it could still vanish in a kill -9 (H2's
            // default keeps up to 500 ms of commits in memory). Writes are batched to pay for this.
            String withDelay = url.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=") ? url : url + ";WRITE_DELAY=0";
            return withDelay.toUpperCase(Locale.ROOT).contains(";DB_CLOSE_ON_EXIT=") ? withDelay
                    : withDelay + ";DB_CLOSE_ON_EXIT=FALSE";
        }

        @Override
        void configure(HikariConfig config) {
            // The file may be opened again after H2 closed it (a full disk): never fail at start
            // for want of a first connection, let the schema step report the reason.
            config.setInitializationFailTimeout(-1);
        }

        @Override
        void reclaimSpace(Connection c) throws SQLException {
            // With WRITE_DELAY=0 H2 runs no background writer, so nothing compacts the file: the
            // space of deleted rows stays in chunks that still hold a few live pages. CHECKPOINT
            // rewrites the live pages of chunks under half full (up to 4 MB a time), after which
            // whole chunks come free for new writes. It writes through the same durable path as
            // a commit.
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
        }
    },

    /** A PostgreSQL server, shared by the servers that take over from each other. */
    POSTGRESQL("postgresql") {
        @Override
        String effectiveUrl(String url) {
            return url;
        }

        @Override
        void configure(HikariConfig config) {
            // A server that cannot be reached fails the start at once with the driver's reason,
            // rather than after the pool's 30 s wait for a connection.
            config.setInitializationFailTimeout(1);
            config.addDataSourceProperty("connectTimeout", "5");
            // Many rows inserted in one batch travel as one multi-row INSERT.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            config.addDataSourceProperty("ApplicationName", "mqpool");
        }

        @Override
        void reclaimSpace(Connection c) {
            // Autovacuum marks the space of deleted rows for reuse by itself.
        }
    };

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** The dialect of a JDBC URL. @throws StoreException for another vendor's URL */
    static Dialect of(String url) {
        try {
            String lower = StoreSettings.checkedUrl(url).toLowerCase(Locale.ROOT);
            return lower.startsWith(StoreSettings.H2_PREFIX) ? H2 : POSTGRESQL;
        } catch (IllegalArgumentException e) {
            throw new StoreException("the store " + e.getMessage(), e);
        }
    }

    /** The folder, under {@code db/migration}, of the schema files that only this database reads. */
    String migrationFolder() {
        return folder;
    }

    /** The URL to connect with: {@code url} with what durability needs added. */
    abstract String effectiveUrl(String url);

    /** Sets what this database needs on a new pool. */
    abstract void configure(HikariConfig config);

    /** Makes the space of deleted rows usable again, where the database does not do it by itself. */
    abstract void reclaimSpace(Connection c) throws SQLException;
}
