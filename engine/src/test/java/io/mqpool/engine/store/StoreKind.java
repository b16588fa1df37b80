package io.mqpool.engine.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The databases the store's contract tests run on: each such test class is a
 * {@code @ParameterizedClass} over these. Also the few statements that only tests need and that
 * the two spell differently.
 */
public enum StoreKind {

    H2 {
        @Override
        public StoreLocation location(Path dir) {
            return StoreLocation.h2(dir);
        }

        @Override
        String blockedSessionsQuery() {
            return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
        }

        @Override
        String dropPrimaryKey(String table) {
            return "ALTER TABLE " + table + " DROP PRIMARY KEY";
        }
    },

    POSTGRESQL {
        @Override
        public StoreLocation location(Path dir) {
            return PostgresCluster.shared().newDatabase();
        }

        @Override
        String blockedSessionsQuery() {
            return "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'";
        }

        @Override
        String dropPrimaryKey(String table) {
            return "ALTER TABLE " + table + " DROP CONSTRAINT " + table + "_pkey";
        }
    };

    /**
     * A new, empty store for one test: an H2 file in {@code dir}, or a fresh database on the
     * test run's PostgreSQL (the test is skipped without PostgreSQL). Call once per store and
     * keep the answer to open the same store again.
     */
    public abstract StoreLocation location(Path dir);

    /** Counts the sessions waiting for another one's row locks. */
    abstract String blockedSessionsQuery();

    /** Drops a table's primary key. */
    abstract String dropPrimaryKey(String table);

    int blockedSessions(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(blockedSessionsQuery()); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
