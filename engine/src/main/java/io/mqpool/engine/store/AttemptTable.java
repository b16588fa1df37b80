package io.mqpool.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of the {@code task_attempt} table. */
final class AttemptTable {

    /** Counts one more death of the task's worker and returns the totals. */
    TaskAttempts recordDeath(Connection c, String jobId, long taskIndex, boolean timedOut, String exit)
            throws SQLException {
        int timeout = timedOut ? 1 : 0;
        try (PreparedStatement s = c.prepareStatement("UPDATE task_attempt SET deaths = deaths + 1, "
                + "timeouts = timeouts + ?, last_exit = ? WHERE job_id = ? AND task_index = ?")) {
            s.setInt(1, timeout);
            s.setString(2, exit);
            s.setString(3, jobId);
            s.setLong(4, taskIndex);
            if (s.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO task_attempt (job_id, task_index, deaths, timeouts, last_exit) VALUES (?, ?, 1, ?, ?)")) {
                    insert.setString(1, jobId);
                    insert.setLong(2, taskIndex);
                    insert.setInt(3, timeout);
                    insert.setString(4, exit);
                    insert.executeUpdate();
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT deaths, timeouts, last_exit FROM task_attempt "
                + "WHERE job_id = ? AND task_index = ?")) {
            s.setString(1, jobId);
            s.setLong(2, taskIndex);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new TaskAttempts(taskIndex, r.getInt(1), r.getInt(2), r.getString(3));
            }
        }
    }

    /** The deaths recorded for one task, or empty if it never killed (or timed out) a worker. */
    Optional<TaskAttempts> find(Connection c, String jobId, long taskIndex) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT deaths, timeouts, last_exit FROM task_attempt "
                + "WHERE job_id = ? AND task_index = ?")) {
            s.setString(1, jobId);
            s.setLong(2, taskIndex);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new TaskAttempts(taskIndex, r.getInt(1), r.getInt(2), r.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** The deaths recorded for the tasks {@code fromIndex ..< toIndex} of a job, in index order. */
    List<TaskAttempts> inRange(Connection c, String jobId, long fromIndex, long toIndex) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT task_index, deaths, timeouts, last_exit "
                + "FROM task_attempt WHERE job_id = ? AND task_index >= ? AND task_index < ? "
                + "ORDER BY job_id, task_index")) {
            s.setString(1, jobId);
            s.setLong(2, fromIndex);
            s.setLong(3, toIndex);
            List<TaskAttempts> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new TaskAttempts(r.getLong(1), r.getInt(2), r.getInt(3), r.getString(4)));
                }
            }
            return found;
        }
    }

    /** Deletes the attempts of every task of a job. */
    void deleteJob(Connection c, String jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM task_attempt WHERE job_id = ?")) {
            s.setString(1, jobId);
            s.executeUpdate();
        }
    }
}
