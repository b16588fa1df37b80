package io.mqpool.engine.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells HikariCP to drop connections to a database that H2 has closed. H2 closes the database
 * when a write fails (a full disk, say); without this the pool would hand out dead connections
 * for ever, while new ones open the file again once the disk has room.
 */
public final class ClosedDatabaseOverride implements SQLExceptionOverride {

    /** H2's "The database has been closed". */
    private static final int DATABASE_CLOSED = 90098;

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        return isClosedDatabase(e) ? SQLExceptionOverride.Override.MUST_EVICT
                : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }

    /** Whether {@code e} says the database was closed under the connection, or the connection itself was. */
    static boolean isClosedDatabase(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (sql.getErrorCode() == DATABASE_CLOSED
                    || "08003".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
