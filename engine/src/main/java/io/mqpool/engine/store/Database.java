package io.mqpool.engine.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The H2 file database behind the job store, reached through a HikariCP pool, with its schema
 * brought up to date on open (see {@link Schema}).
 */
final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Opens (creating if needed) the database {@code mqpool} in {@code dir}. Blocks while the
     * file is opened and migrated.
     *
     * @throws StoreException if the file cannot be opened (locked by another process, not
     *     writable) or the schema cannot be applied
     */
    static Database open(Path dir) {
        HikariConfig config = new HikariConfig();
        // WRITE_DELAY=0: a commit reaches the file before commit() returns, so a result is never
        // acknowledged to the broker while it could still vanish in a kill -9 (H2's default
        // keeps up to 500 ms of commits in memory). Writes are batched to pay for this.
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("mqpool").toAbsolutePath()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        config.setUsername("sa");
        config.setPassword("");
        config.setPoolName("mqpool-store");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(2);
        config.setAutoCommit(true);
        config.setInitializationFailTimeout(-1);
        config.setExceptionOverrideClassName(ClosedDatabaseOverride.class.getName());
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the database in " + dir, e);
        }
        Database database = new Database(dataSource);
        try {
            Schema.bringUpToDate(dataSource);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws.
     * If H2 had closed the database (after a failed write, such as on a full disk), the work is
     * tried once more on a fresh connection, which opens the file again.
     */
    <T> T inTransaction(String what, SqlWork<T> work) {
        return once(what, () -> transaction(work));
    }

    /** Runs a read on a pooled connection in auto-commit mode, like {@link #inTransaction}. */
    <T> T read(String what, SqlWork<T> work) {
        return once(what, () -> {
            try (Connection connection = dataSource.getConnection()) {
                return work.run(connection);
            }
        });
    }

    private <T> T transaction(SqlWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                if (!connection.isClosed()) {
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    private <T> T once(String what, Attempt<T> attempt) {
        try {
            try {
                return attempt.run();
            } catch (SQLException e) {
                if (!ClosedDatabaseOverride.isClosedDatabase(e)) {
                    throw e;
                }
                // Every pooled connection points at the closed database: drop them all, so the
                // next one opens the file again.
                dataSource.getHikariPoolMXBean().softEvictConnections();
                return attempt.run();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot " + what, e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** One try at some database work. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws SQLException;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
