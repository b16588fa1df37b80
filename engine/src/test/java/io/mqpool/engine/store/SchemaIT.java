package io.mqpool.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomesForm;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.baseline.BaselineMigrationConfigurationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The schema: made by Flyway in a fresh store on each database, refused when a newer mqpool
 * wrote it, and, on H2 files, taken over from the runner before Flyway in a data directory that
 * runner made, keeping its jobs.
 */
class SchemaIT {

    private static final Instant CREATED = Instant.parse("2026-11-30T08:00:00Z");
    private static final List<String> EVERY_FILE = List.of("1 SQL", "2 SQL", "3 SQL", "4 SQL", "5 SQL", "6 SQL",
            "7 SQL", "8 SQL", "9 SQL", "10 SQL", "11 SQL", "12 SQL", "13 SQL", "14 SQL",
            "15 SQL");
    /** What a fresh store records: the current schema in one step. */
    private static final List<String> THE_BASELINE = List.of("15 SQL_BASELINE");

    @TempDir
    Path dir;

    private static EncodedOutcomes perTask(String json, int failures) {
        return new EncodedOutcomes(json, failures, OutcomesForm.PER_TASK);
    }

    @Test
    void aFreshDataDirectoryGetsTheWholeSchemaInOneStepFromFlyway() throws SQLException {
        try (JobStore store = JobStore.open(dir, Clock.systemUTC())) {
            store.create(new NewJob("fresh", "echo", "MAP", 1, 0, 0, 2, false, 0, CREATED),
                    List.of(new NewChunk(0, 0, 1, "[1]")), 1L);
            assertEquals(JobState.RUNNING, store.job("fresh").orElseThrow().state());
        }

        try (Connection c = DatabaseMadeBeforeFlyway.connect(dir)) {
            assertEquals(THE_BASELINE, history(c));
            assertFalse(hasTable(c, "SCHEMA_VERSION"));
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(StoreKind.class)
    void theSchemaInOneStepIsTheSchemaEveryFileMadeStepByStep(StoreKind kind) throws SQLException {
        StoreLocation inOneStep = kind.location(dir.resolve("one-step"));
        StoreLocation stepByStep = kind.location(dir.resolve("step-by-step"));
        Dialect dialect = Dialect.of(stepByStep.url());
        // Blind to the baseline (its prefix is not B here), Flyway runs the files up to 14 one by
        // one, as an older mqpool did; the store then adds the rest.
        FluentConfiguration blind = Flyway.configure()
                .dataSource(stepByStep.url(), stepByStep.user().orElse(null), stepByStep.password().orElse(null))
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.migrationFolder())
                .target("14");
        blind.getConfigurationExtension(BaselineMigrationConfigurationExtension.class)
                .setBaselineMigrationPrefix("NOT_A_BASELINE");
        blind.load().migrate();
        JobStore.open(inOneStep, Clock.systemUTC()).close();
        JobStore.open(stepByStep, Clock.systemUTC()).close();

        try (Connection one = connect(inOneStep); Connection steps = connect(stepByStep)) {
            assertEquals(THE_BASELINE, history(one));
            assertEquals(EVERY_FILE, history(steps));
            List<String> described = describe(steps);
            assertTrue(described.size() > 60, "every table, column and index: " + described);
            assertEquals(described, describe(one));
            assertEquals(rows(steps, "SELECT * FROM server_lease"), rows(one, "SELECT * FROM server_lease"));
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(StoreKind.class)
    void aFreshStoreGetsTheSchemaInOneStepAndOneANewerMqpoolWroteIsRefusedWithBothVersions(StoreKind kind)
            throws SQLException {
        StoreLocation location = kind.location(dir);
        try (JobStore store = JobStore.open(location, Clock.systemUTC())) {
            store.create(new NewJob("fresh", "echo", "MAP", 1, 0, 0, 2, false, 0, CREATED),
                    List.of(new NewChunk(0, 0, 1, "[1]")), 1L);
        }
        try (Connection c = connect(location); Statement s = c.createStatement()) {
            assertEquals(THE_BASELINE, history(c));
            s.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", "
                    + "\"type\", \"script\", \"checksum\", \"installed_by\", \"installed_on\", \"execution_time\", "
                    + "\"success\") VALUES (99, '16', 'newer', 'SQL', 'V16__newer.sql', 0, 'mqpool', CURRENT_TIMESTAMP, "
                    + "1, TRUE)");
        }

        StoreException refused = assertThrows(StoreException.class, () -> JobStore.open(location, Clock.systemUTC()));

        assertEquals("the database schema is at version 16, newer than this mqpool knows (15): it was written by "
                + "a newer mqpool, which is the one to run on it", refused.getMessage());
    }

    @Test
    void aDataDirectoryMadeBeforeFlywayOpensWithItsJobsAndChunks() throws SQLException {
        DatabaseMadeBeforeFlyway.create(dir, 6);
        try (Connection c = DatabaseMadeBeforeFlyway.connect(dir)) {
            insertJob(c, "old", 2L, 1);
            insertChunk(c, "old", 0, "[1,2]");
        }

        try (JobStore store = JobStore.open(dir, Clock.systemUTC())) {
            JobRow job = store.job("old").orElseThrow();
            assertEquals("square", job.taskName());
            assertEquals(JobState.RUNNING, job.state());
            assertEquals(2L, job.totalTasks());
            assertEquals(CREATED, job.createdAt());
            assertEquals(List.of(new StoredChunk("old", 0, 0, 2, "[1,2]")), store.chunksFrom("old", 0, 10));

            store.record(List.of(new RecordedResult("old", 0, 2, "w1", perTask("[{\"value\":1},{\"value\":4}]", 0))));
            assertEquals(JobState.COMPLETED, store.job("old").orElseThrow().state());
        }

        try (Connection c = DatabaseMadeBeforeFlyway.connect(dir)) {
            assertEquals(List.of("6 BASELINE", "7 SQL", "8 SQL", "9 SQL", "10 SQL", "11 SQL", "12 SQL", "13 SQL", "14 SQL",
                    "15 SQL"), history(c));
            assertFalse(hasTable(c, "SCHEMA_VERSION"), "the old runner's table is read once, then dropped");
        }
        try (JobStore reopened = JobStore.open(dir, Clock.systemUTC())) {
            assertEquals(JobState.COMPLETED, reopened.job("old").orElseThrow().state());
            assertEquals("NORMAL", reopened.job("old").orElseThrow().priority(), "V15 gave it normal priority");
        }

    }

    @Test
    void aJobFinishedBeforeRetentionExistedExpiresAWeekAfterItFinished() throws SQLException {
        DatabaseMadeBeforeFlyway.create(dir, 6);
        try (Connection c = DatabaseMadeBeforeFlyway.connect(dir)) {
            insertJob(c, "done", 2L, 1);
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE job SET state = 'COMPLETED', tasks_done = 2, finished_at = ? WHERE id = 'done'")) {
                s.setTimestamp(1, Timestamp.from(CREATED.plusSeconds(60)));
                s.executeUpdate();
            }
        }
        Instant aWeekLater = CREATED.plusSeconds(60).plus(java.time.Duration.ofDays(7));

        try (JobStore store = JobStore.open(dir, Clock.fixed(aWeekLater.minusMillis(1), java.time.ZoneOffset.UTC))) {
            assertEquals(List.of(), store.deleteExpired(java.time.Duration.ofDays(7), 10));
        }
        try (JobStore store = JobStore.open(dir, Clock.fixed(aWeekLater, java.time.ZoneOffset.UTC))) {
            assertEquals(List.of("done"), store.deleteExpired(java.time.Duration.ofDays(7), 10),
                    "V14 gave it its finish time in milliseconds");
        }
    }

    @Test
    void aDataDirectoryTheOldRunnerLeftAtAnEarlierVersionGetsTheFilesAfterIt() throws SQLException {
        DatabaseMadeBeforeFlyway.create(dir, 4);
        try (Connection c = DatabaseMadeBeforeFlyway.connect(dir)) {
            insertJob(c, "older", 1L, 1);
            insertChunk(c, "older", 0, "[3]");
        }

        try (JobStore store = JobStore.open(dir, Clock.systemUTC())) {
            JobRow job = store.job("older").orElseThrow();
            assertNull(job.retryOf(), "V5 added retry_of, empty for jobs stored before it");
            store.record(List.of(new RecordedResult("older", 0, 1, "w1", perTask("[{\"value\":9}]", 0), 1_000, 1_040)));
            assertEquals(List.of(new TimeBucket(0, 1)), store.finishedPerBucket("older", 0, 60_000),
                    "V6 added the chunk times");
        }

        try (Connection c = DatabaseMadeBeforeFlyway.connect(dir)) {
            assertEquals(List.of("4 BASELINE", "5 SQL", "6 SQL", "7 SQL", "8 SQL", "9 SQL", "10 SQL", "11 SQL", "12 SQL", "13 SQL", "14 SQL",
                    "15 SQL"), history(c));
        }
    }

    @Test
    void anOldVersionTableWithAGapIsRefusedAndNamesTheVersionsItRecords() throws SQLException {
        DatabaseMadeBeforeFlyway.create(dir, 6);
        try (Connection c = DatabaseMadeBeforeFlyway.connect(dir); Statement s = c.createStatement()) {
            s.execute("DELETE FROM schema_version WHERE name = 'V3__retry_timeouts.sql'");
        }

        StoreException refused = assertThrows(StoreException.class, () -> JobStore.open(dir, Clock.systemUTC()));

        assertTrue(refused.getMessage().contains("[1, 2, 4, 5, 6]"), refused.getMessage());
    }

    /** The V1 columns only, as the code of any version before Flyway inserted them. */
    private static void insertJob(Connection c, String id, long totalTasks, int totalChunks) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO job (id, task_name, mode, state, chunksize, "
                + "task_timeout_ms, job_timeout_ms, retries, total_tasks, total_chunks, created_at) "
                + "VALUES (?, 'square', 'MAP', 'RUNNING', 2, 0, 0, 2, ?, ?, ?)")) {
            s.setString(1, id);
            s.setLong(2, totalTasks);
            s.setInt(3, totalChunks);
            s.setTimestamp(4, Timestamp.from(CREATED));
            s.executeUpdate();
        }
    }

    private static void insertChunk(Connection c, String jobId, int chunkNo, String args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO chunk (job_id, chunk_no, first_index, size, args) VALUES (?, ?, 0, ?, ?)")) {
            s.setString(1, jobId);
            s.setInt(2, chunkNo);
            s.setInt(3, args.split(",").length);
            s.setString(4, args);
            s.executeUpdate();
        }
    }

    /**
     * Flyway's record, one "version type" per successful row, in the order it was written, less
     * the row that marks the record's own creation (it has no version).
     */
    private static List<String> history(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT \"version\", \"type\" "
                + "FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getString(2));
            }
        }
        return rows;
    }

    /**
     * Every table of the store but Flyway's, each column with its type, size, nullability and
     * default, in its place, and every index with its columns and uniqueness, one line each, sorted.
     */
    private static List<String> describe(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String schema = c.getSchema();
        List<String> lines = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (ResultSet r = meta.getTables(null, schema, null, new String[] {"TABLE"})) {
            while (r.next()) {
                String table = r.getString("TABLE_NAME");
                if (!table.equalsIgnoreCase("flyway_schema_history")) {
                    tables.add(table);
                }
            }
        }
        for (String table : tables) {
            try (ResultSet r = meta.getColumns(null, schema, table, null)) {
                while (r.next()) {
                    lines.add(table + " column " + r.getInt("ORDINAL_POSITION") + " " + r.getString("COLUMN_NAME")
                            + " " + r.getString("TYPE_NAME") + "(" + r.getInt("COLUMN_SIZE") + ") nullable "
                            + r.getString("IS_NULLABLE") + " default " + r.getString("COLUMN_DEF"));
                }
            }
            try (ResultSet r = meta.getPrimaryKeys(null, schema, table)) {
                while (r.next()) {
                    lines.add(table + " key " + r.getShort("KEY_SEQ") + " " + r.getString("COLUMN_NAME"));
                }
            }
            try (ResultSet r = meta.getIndexInfo(null, schema, table, false, false)) {
                while (r.next()) {
                    String index = r.getString("INDEX_NAME");
                    // Names the database chose itself (keys, unique constraints) differ run to run.
                    boolean named = !index.toUpperCase(java.util.Locale.ROOT).contains("PRIMARY_KEY")
                            && !index.toUpperCase(java.util.Locale.ROOT).startsWith("CONSTRAINT")
                            && !index.endsWith("_pkey") && !index.endsWith("_key");
                    lines.add(table + " index " + (named ? index : "(unnamed)") + " " + r.getShort("ORDINAL_POSITION")
                            + " " + r.getString("COLUMN_NAME") + " unique " + !r.getBoolean("NON_UNIQUE"));
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    private static List<String> rows(Connection c, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(r.getString(i)).append(' ');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static Connection connect(StoreLocation location) throws SQLException {
        return DriverManager.getConnection(location.url(), location.user().orElse(null),
                location.password().orElse(null));
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        try (ResultSet tables = c.getMetaData().getTables(null, "PUBLIC", name, null)) {
            return tables.next();
        }
    }
}
