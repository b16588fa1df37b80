package io.mqpool.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The SQL of the {@code job} table. */
final class JobTable {

    private static final String COLUMNS = "id, task_name, mode, state, chunksize, task_timeout_ms, "
            + "job_timeout_ms, retries, total_tasks, total_chunks, chunks_sent, tasks_done, "
            + "tasks_failed, created_at, finished_at, seq, retry_timeouts, max_in_flight, retry_of, retention_ms, priority";

    void insert(Connection c, NewJob job) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO job (id, task_name, mode, state, "
                + "chunksize, task_timeout_ms, job_timeout_ms, retries, created_at, retry_timeouts, "
                + "max_in_flight, retry_of, source_indexes, retention_ms, priority) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, job.id());
            s.setString(2, job.taskName());
            s.setString(3, job.mode());
            s.setString(4, JobState.RUNNING.name());
            s.setInt(5, job.chunksize());
            s.setLong(6, job.taskTimeoutMillis());
            s.setLong(7, job.jobTimeoutMillis());
            s.setInt(8, job.retries());
            s.setTimestamp(9, Timestamp.from(job.createdAt()));
            s.setBoolean(10, job.retryTimeouts());
            s.setInt(11, job.maxInFlight());
            s.setString(12, job.retryOf());
            s.setString(13, job.sourceIndexesJson());
            s.setObject(14, job.retentionMillis(), Types.BIGINT);
            s.setString(15, job.priority());
            s.executeUpdate();
        }
    }

    Optional<JobRow> find(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM job WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(row(rows)) : Optional.empty();
            }
        }
    }

    long count(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM job");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Jobs per state, in one query over the state index; states without a job are absent. */
    Map<JobState, Long> countByState(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state, COUNT(*) FROM job GROUP BY state");
             ResultSet rows = s.executeQuery()) {
            Map<JobState, Long> counts = new EnumMap<>(JobState.class);
            while (rows.next()) {
                counts.put(JobState.valueOf(rows.getString(1)), rows.getLong(2));
            }
            return counts;
        }
    }

    List<JobRow> inState(Connection c, JobState state) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM job WHERE state = ? ORDER BY seq")) {
            s.setString(1, state.name());
            try (ResultSet rows = s.executeQuery()) {
                List<JobRow> jobs = new ArrayList<>();
                while (rows.next()) {
                    jobs.add(row(rows));
                }
                return jobs;
            }
        }
    }

    /**
     * Up to {@code limit} jobs, newest first, optionally only those in {@code state}, only those
     * whose task name holds {@code taskContains} (ignoring case) and only those older than
     * {@code beforeSeq}. A substring cannot use an index: the rows are walked newest first and
     * the walk stops at the limit.
     */
    List<JobRow> newestFirst(Connection c, JobState state, String taskContains, Long beforeSeq, int limit)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM job "
                + "WHERE (CAST(? AS VARCHAR) IS NULL OR state = ?) AND (CAST(? AS BIGINT) IS NULL OR seq < ?) "
                + "AND (CAST(? AS VARCHAR) IS NULL OR LOWER(task_name) LIKE ? ESCAPE '\\') "
                + "ORDER BY seq DESC LIMIT ?")) {
            String stateName = state == null ? null : state.name();
            s.setString(1, stateName);
            s.setString(2, stateName);
            s.setObject(3, beforeSeq, Types.BIGINT);
            s.setObject(4, beforeSeq, Types.BIGINT);
            String pattern = taskContains == null ? null : "%" + likeEscaped(taskContains.toLowerCase(Locale.ROOT)) + "%";
            s.setString(5, pattern);
            s.setString(6, pattern);
            s.setInt(7, limit);
            try (ResultSet rows = s.executeQuery()) {
                List<JobRow> jobs = new ArrayList<>();
                while (rows.next()) {
                    jobs.add(row(rows));
                }
                return jobs;
            }
        }
    }

    /** Records that the whole input has been read: the job can finish once these are done. */
    void setTotals(Connection c, String id, long totalTasks, int totalChunks) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE job SET total_tasks = ?, total_chunks = ? WHERE id = ? AND total_tasks IS NULL")) {
            s.setLong(1, totalTasks);
            s.setInt(2, totalChunks);
            s.setString(3, id);
            RowCount.exactlyOne(s.executeUpdate(), "setting the totals of job " + id);
        }
    }

    /**
     * Raises the count of chunks sent; a count already as high (recorded by a later send that
     * committed first) is kept.
     *
     * @return false if the count was already as high, or the job is gone
     */
    boolean setChunksSent(Connection c, String id, int chunksSent) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE job SET chunks_sent = ? WHERE id = ? AND chunks_sent < ?")) {
            s.setInt(1, chunksSent);
            s.setString(2, id);
            s.setInt(3, chunksSent);
            return RowCount.atMostOne(s.executeUpdate(), "raising the chunks sent of job " + id + " to " + chunksSent);
        }
    }

    void addDone(Connection c, String id, long done, long failed) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE job SET tasks_done = tasks_done + ?, tasks_failed = tasks_failed + ? WHERE id = ?")) {
            s.setLong(1, done);
            s.setLong(2, failed);
            s.setString(3, id);
            RowCount.exactlyOne(s.executeUpdate(), "counting the outcomes of job " + id);
        }
    }

    /**
     * Moves a running job whose every task has an outcome to the state its outcomes call for
     * ({@link JobRow#endState()}), through {@link #move} like any other change of state.
     *
     * @return the new state, or empty if the job is not finished, is gone, or another
     *     transaction finished it first
     */
    Optional<JobState> finishIfAllDone(Connection c, String id, Instant now) throws SQLException {
        Optional<JobRow> job = findForUpdate(c, id);
        if (job.isEmpty() || job.get().state() != JobState.RUNNING || !job.get().allTasksDone()) {
            return Optional.empty();
        }
        JobState end = job.get().endState();
        return move(c, id, JobState.RUNNING, end, now) ? Optional.of(end) : Optional.empty();
    }

    /**
     * The one statement that changes a job's state: moves it from {@code from} to {@code to} if
     * {@link JobState#canMoveTo the table of moves} allows it and the job is still in {@code from}.
     *
     * @return false if the job is no longer in {@code from} (another transaction moved it first)
     *     or is gone
     * @throws IllegalStateException if the table does not allow the move
     * @throws StoreException if the statement changed more than one row
     */
    boolean move(Connection c, String id, JobState from, JobState to, Instant now) throws SQLException {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("a job cannot move from " + from + " to " + to + " (job " + id + ")");
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE job SET state = ?, finished_at = ?, finished_at_ms = ? WHERE id = ? AND state = ?")) {
            s.setString(1, to.name());
            if (to.isFinished()) {
                s.setTimestamp(2, Timestamp.from(now));
                s.setLong(3, now.toEpochMilli());
            } else {
                s.setNull(2, Types.TIMESTAMP_WITH_TIMEZONE);
                s.setNull(3, Types.BIGINT);
            }
            s.setString(4, id);
            s.setString(5, from.name());
            return RowCount.atMostOne(s.executeUpdate(), "moving job " + id + " from " + from + " to " + to);
        }
    }

    /**
     * The job's row, locked until the transaction ends, so that what is decided from its counts
     * still holds when the decision is written.
     */
    private Optional<JobRow> findForUpdate(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM job WHERE id = ? FOR UPDATE")) {
            s.setString(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(row(rows)) : Optional.empty();
            }
        }
    }

    /** The JSON array of source indexes of a job made by retrying another's failed tasks. */
    Optional<String> sourceIndexes(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT source_indexes FROM job WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Up to {@code limit} finished jobs whose retention has passed at {@code nowMillis}, those that
     * finished first first: a job's own retention if it has one (0 keeps it), else
     * {@code defaultRetentionMillis} (0 keeps it too).
     */
    List<String> expired(Connection c, long defaultRetentionMillis, long nowMillis, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM job WHERE finished_at_ms IS NOT NULL "
                + "AND ((retention_ms IS NULL AND CAST(? AS BIGINT) > 0 AND finished_at_ms <= CAST(? AS BIGINT)) "
                + "OR (retention_ms > 0 AND finished_at_ms + retention_ms <= CAST(? AS BIGINT))) "
                + "ORDER BY finished_at_ms LIMIT ?")) {
            s.setLong(1, defaultRetentionMillis);
            s.setLong(2, nowMillis - defaultRetentionMillis);
            s.setLong(3, nowMillis);
            s.setInt(4, limit);
            try (ResultSet rows = s.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
                return ids;
            }
        }
    }

    /** Deletes the job unless it is running; false if it is running or gone. */
    boolean deleteUnlessRunning(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM job WHERE id = ? AND state <> 'RUNNING'")) {
            s.setString(1, id);
            return RowCount.atMostOne(s.executeUpdate(), "deleting job " + id);
        }
    }

    /** {@code text} with LIKE's wildcards and the escape character taken literally. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static JobRow row(ResultSet r) throws SQLException {
        long totalTasks = r.getLong("total_tasks");
        Long total = r.wasNull() ? null : totalTasks;
        int totalChunks = r.getInt("total_chunks");
        Integer chunks = r.wasNull() ? null : totalChunks;
        Timestamp finished = r.getTimestamp("finished_at");
        return new JobRow(r.getString("id"), r.getString("task_name"), r.getString("mode"),
                JobState.valueOf(r.getString("state")), r.getInt("chunksize"),
                r.getLong("task_timeout_ms"), r.getLong("job_timeout_ms"), r.getInt("retries"),
                total, chunks, r.getInt("chunks_sent"), r.getLong("tasks_done"),
                r.getLong("tasks_failed"), r.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant(), r.getLong("seq"), r.getBoolean("retry_timeouts"),
                r.getInt("max_in_flight"), r.getString("retry_of"), retention(r),
                r.getString("priority"));
    }

    private static Long retention(ResultSet r) throws SQLException {
        long millis = r.getLong("retention_ms");
        return r.wasNull() ? null : millis;
    }
}
