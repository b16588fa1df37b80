package io.mqpool.engine.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mqpool.config.OneLine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The database behind the job store (an H2 file or PostgreSQL, see {@link Dialect}), reached
 * through a HikariCP pool, with its schema brought up to date on open (see {@link Schema}).
 */
final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * Opens (creating if needed) the H2 database {@code mqpool} in {@code dir}. Blocks while the
     * file is opened and migrated.
     *
     * @throws StoreException if the file cannot be opened (locked by another process, not
     *     writable) or the schema cannot be applied
     */
    static Database open(Path dir) {
        return open(StoreLocation.h2(dir));
    }

    /**
     * Opens the database at {@code location}, creating the schema if it has none and bringing
     * it up to date otherwise. Blocks while it connects and migrates.
     *
     * @throws StoreException if it cannot be reached or signed in to, or the schema cannot be applied
     */
    static Database open(StoreLocation location) {
        Dialect dialect = location.dialect();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(dialect.effectiveUrl(location.url()));
        location.user().ifPresent(config::setUsername);
        location.password().ifPresent(config::setPassword);
        config.setPoolName("mqpool-store");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(2);
        config.setAutoCommit(true);
        config.setExceptionOverrideClassName(ClosedDatabaseOverride.class.getName());
        dialect.configure(config);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the store at " + location + ": " + rootMessage(e), e);
        }
        Database database = new Database(dataSource, dialect);
        try {
            Schema.bringUpToDate(dataSource, dialect);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return OneLine.messageOf(root);
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
