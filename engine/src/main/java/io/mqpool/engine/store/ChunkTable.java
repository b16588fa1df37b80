package io.mqpool.engine.store;

import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomesForm;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of the {@code chunk} table: arguments going out, outcomes coming back. */
final class ChunkTable {

    /**
     * Orders by the whole index key, job first: H2 then reads the index in order and stops at
     * the limit. Ordered by {@code chunk_no} alone it reads every later chunk of the job and
     * sorts them, which made each batch of a 100,000-chunk job cost milliseconds.
     */
    private static final String BY_CHUNK = "ORDER BY job_id, chunk_no";

    void insert(Connection c, String jobId, List<NewChunk> chunks) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO chunk (job_id, chunk_no, first_index, size, args) VALUES (?, ?, ?, ?, ?)")) {
            for (NewChunk chunk : chunks) {
                s.setString(1, jobId);
                s.setInt(2, chunk.chunkNo());
                s.setLong(3, chunk.firstIndex());
                s.setInt(4, chunk.size());
                s.setString(5, chunk.argsJson());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Chunks {@code fromChunk ..} of a job in order, at most {@code limit}, for sending. */
    List<StoredChunk> from(Connection c, String jobId, int fromChunk, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT chunk_no, first_index, size, args FROM chunk "
                + "WHERE job_id = ? AND chunk_no >= ? " + BY_CHUNK + " LIMIT ?")) {
            s.setString(1, jobId);
            s.setInt(2, fromChunk);
            s.setInt(3, limit);
            try (ResultSet r = s.executeQuery()) {
                List<StoredChunk> chunks = new ArrayList<>();
                while (r.next()) {
                    chunks.add(new StoredChunk(jobId, r.getInt(1), r.getLong(2), r.getInt(3), r.getString(4)));
                }
                return chunks;
            }
        }
    }

    /**
     * Records the outcomes of each result whose chunk has none yet; a chunk that already has
     * outcomes keeps them (the first outcome wins, a redelivered chunk's is dropped).
     *
     * @return for each result, whether it was recorded
     */
    boolean[] recordOutcomes(Connection c, List<RecordedResult> results, long firstSeq, long nowMillis)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE chunk SET outcomes = ?, failures = ?, "
                + "worker_id = ?, completion_seq = ?, started_at_ms = ?, finished_at_ms = ?, outcomes_form = ? "
                + "WHERE job_id = ? AND chunk_no = ? AND size = ? AND outcomes IS NULL")) {
            long seq = firstSeq;
            for (RecordedResult result : results) {
                boolean timed = result.startedAtMillis() > 0 && result.finishedAtMillis() >= result.startedAtMillis();
                s.setObject(5, timed ? result.startedAtMillis() : null, Types.BIGINT);
                s.setLong(6, timed ? result.finishedAtMillis() : nowMillis);
                s.setString(1, result.outcomes().json());
                s.setInt(2, result.outcomes().failures());
                s.setString(3, result.workerId());
                s.setLong(4, seq++);
                s.setString(7, result.outcomes().form().name());
                s.setString(8, result.jobId());
                s.setInt(9, result.chunkNo());
                s.setInt(10, result.size());
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            boolean[] recorded = new boolean[counts.length];
            for (int i = 0; i < counts.length; i++) {
                recorded[i] = RowCount.atMostOne(counts[i], "recording the outcomes of chunk "
                        + results.get(i).jobId() + ":" + results.get(i).chunkNo());
            }
            return recorded;
        }
    }

    long maxCompletionSeq(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(completion_seq), 0) FROM chunk");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    int countWithOutcomes(Connection c, String jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM chunk WHERE job_id = ? AND outcomes IS NOT NULL")) {
            s.setString(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** Recorded outcomes of chunks {@code fromChunk ..} in chunk order, stopping at the first gap. */
    List<ChunkOutcomes> inIndexOrder(Connection c, String jobId, int fromChunk, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + OUTCOME_COLUMNS + " FROM chunk "
                + "WHERE job_id = ? AND chunk_no >= ? AND chunk_no < ? " + BY_CHUNK)) {
            s.setString(1, jobId);
            s.setInt(2, fromChunk);
            s.setInt(3, fromChunk + limit);
            List<ChunkOutcomes> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                int expected = fromChunk;
                while (r.next() && r.getInt(1) == expected && r.getString(6) != null) {
                    found.add(outcomes(r));
                    expected++;
                }
            }
            return found;
        }
    }

    /**
     * Recorded outcomes of chunks {@code fromChunk ..} in chunk order, skipping chunks without
     * outcomes (for a job that has finished, where a gap will never fill), at most {@code limit}.
     */
    List<ChunkOutcomes> recordedFrom(Connection c, String jobId, int fromChunk, int limit, boolean onlyFailed)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + OUTCOME_COLUMNS + " FROM chunk "
                + "WHERE job_id = ? AND chunk_no >= ? AND outcomes IS NOT NULL " + failedOnly(onlyFailed)
                + BY_CHUNK + " LIMIT ?")) {
            s.setString(1, jobId);
            s.setInt(2, fromChunk);
            s.setInt(3, limit);
            List<ChunkOutcomes> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(outcomes(r));
                }
            }
            return found;
        }
    }

    /** Recorded outcomes with a completion sequence above {@code afterSeq}, in completion order. */
    List<ChunkOutcomes> inCompletionOrder(Connection c, String jobId, long afterSeq, int limit, boolean onlyFailed)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + OUTCOME_COLUMNS + " FROM chunk "
                + "WHERE job_id = ? AND completion_seq > ? " + failedOnly(onlyFailed)
                + "ORDER BY job_id, completion_seq LIMIT ?")) {
            s.setString(1, jobId);
            s.setLong(2, afterSeq);
            s.setInt(3, limit);
            List<ChunkOutcomes> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(outcomes(r));
                }
            }
            return found;
        }
    }

    Optional<String> args(Connection c, String jobId, int chunkNo) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT args FROM chunk WHERE job_id = ? AND chunk_no = ?")) {
            s.setString(1, jobId);
            s.setInt(2, chunkNo);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Chunks {@code fromChunk ..} that have a failed task, in chunk order, at most {@code limit}. */
    List<FailedChunk> withFailuresFrom(Connection c, String jobId, int fromChunk, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT chunk_no, first_index, args, outcomes, failures, "
                + "outcomes_form FROM chunk "
                + "WHERE job_id = ? AND chunk_no >= ? AND failures > 0 " + BY_CHUNK + " LIMIT ?")) {
            s.setString(1, jobId);
            s.setInt(2, fromChunk);
            s.setInt(3, limit);
            List<FailedChunk> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new FailedChunk(r.getInt(1), r.getLong(2), r.getString(3),
                            encoded(r.getString(4), r.getInt(5), r.getString(6))));
                }
            }
            return found;
        }
    }

    /**
     * Tasks finished per interval of {@code bucketMillis}, from {@code sinceMillis} on, of one
     * job or (jobId null) of every job, in time order; intervals without any are left out.
     */
    List<TimeBucket> finishedPerBucket(Connection c, String jobId, long sinceMillis, long bucketMillis)
            throws SQLException {
        if (bucketMillis < 1) {
            throw new IllegalArgumentException("bucket length must be positive, got " + bucketMillis);
        }
        // The bucket length is a number of ours, not input: inlined, it lets H2 group by it.
        String bucket = "(finished_at_ms / " + bucketMillis + ")";
        try (PreparedStatement s = c.prepareStatement("SELECT " + bucket + " AS b, SUM(size) FROM chunk "
                + "WHERE finished_at_ms >= ? " + (jobId == null ? "" : "AND job_id = ? ")
                + "GROUP BY " + bucket + " ORDER BY b")) {
            s.setLong(1, sinceMillis);
            if (jobId != null) {
                s.setString(2, jobId);
            }
            List<TimeBucket> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new TimeBucket(r.getLong(1) * bucketMillis, r.getLong(2)));
                }
            }
            return found;
        }
    }

    /** The first and last finish time of a job's chunks (epoch ms), if any has one. */
    Optional<long[]> finishSpan(Connection c, String jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT MIN(finished_at_ms), MAX(finished_at_ms) FROM chunk WHERE job_id = ?")) {
            s.setString(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long first = r.getLong(1);
                return r.wasNull() ? Optional.empty() : Optional.of(new long[] {first, r.getLong(2)});
            }
        }
    }

    /** Counts the tasks of every timed chunk of a job into {@code histogram}, row by row. */
    void taskDurations(Connection c, String jobId, DurationHistogram histogram) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT started_at_ms, finished_at_ms, size FROM chunk "
                + "WHERE job_id = ? AND started_at_ms IS NOT NULL")) {
            s.setString(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    histogram.addChunk(r.getLong(1), r.getLong(2), r.getInt(3));
                }
            }
        }
    }

    private static String failedOnly(boolean onlyFailed) {
        return onlyFailed ? "AND failures > 0 " : "";
    }

    /** Deletes every chunk of a job. */
    void deleteJob(Connection c, String jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM chunk WHERE job_id = ?")) {
            s.setString(1, jobId);
            s.executeUpdate();
        }
    }

    /**
     * Deletes the first chunks of a job, at most {@code limit} of them, by their numbers, which run
     * from 0 without gaps: one bounded step of deleting a big job.
     *
     * @return how many were deleted; fewer than {@code limit} once none are left
     */
    int deleteFirstOfJob(Connection c, String jobId, int limit) throws SQLException {
        Integer first;
        try (PreparedStatement s = c.prepareStatement("SELECT MIN(chunk_no) FROM chunk WHERE job_id = ?")) {
            s.setString(1, jobId);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                int min = rows.getInt(1);
                first = rows.wasNull() ? null : min;
            }
        }
        if (first == null) {
            return 0;
        }
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM chunk WHERE job_id = ? AND chunk_no >= ? AND chunk_no < ?")) {
            s.setString(1, jobId);
            s.setInt(2, first);
            s.setInt(3, (int) Math.min(Integer.MAX_VALUE, (long) first + limit));
            return s.executeUpdate();
        }
    }

    private static final String OUTCOME_COLUMNS =
            "chunk_no, first_index, size, failures, completion_seq, outcomes, outcomes_form, worker_id, "
                    + "started_at_ms, finished_at_ms";

    private static ChunkOutcomes outcomes(ResultSet r) throws SQLException {
        ChunkRun run = new ChunkRun(r.getString(8), r.getObject(9, Long.class), r.getObject(10, Long.class));
        return new ChunkOutcomes(r.getInt(1), r.getLong(2), r.getInt(3), r.getLong(5),
                encoded(r.getString(6), r.getInt(4), r.getString(7)), run);
    }

    private static EncodedOutcomes encoded(String json, int failures, String form) {
        return new EncodedOutcomes(json, failures, OutcomesForm.valueOf(form));
    }
}
