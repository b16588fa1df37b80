package io.mqpool.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomesForm;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A conditional statement that changes more than one row is a bug, reported with the statement
 * and the count, and its transaction is rolled back. Provoked by a schema without its primary
 * keys, holding each job and chunk twice.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(StoreKind.class)
class MoreThanOneRowIT {

    private static final Instant NOW = Instant.parse("2026-12-01T09:05:00Z");

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    private final JobTable jobs = new JobTable();
    private final ChunkTable chunks = new ChunkTable();
    private Database database;

    @BeforeEach
    void storeEveryJobAndChunkTwice() {
        database = Database.open(kind.location(dir));
        database.inTransaction("drop the keys and store twice", c -> {
            kind.execute(c, kind.dropPrimaryKey("job"));
            kind.execute(c, kind.dropPrimaryKey("chunk"));
            for (int copy = 0; copy < 2; copy++) {
                jobs.insert(c, new NewJob("twice", "echo", "MAP", 1, 0, 0, 2, false, 0, NOW));
                chunks.insert(c, "twice", List.of(new NewChunk(0, 0, 1, "[1]")));
            }
            return null;
        });
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void movingAJobThatIsThereTwiceIsReportedAndChangesNothing() {
        StoreException bug = assertThrows(StoreException.class,
                () -> database.inTransaction("move", c -> jobs.move(c, "twice", JobState.RUNNING, JobState.CANCELLED, NOW)));

        assertEquals("moving job twice from RUNNING to CANCELLED touched 2 rows, expected at most 1", bug.getMessage());
        assertEquals(List.of("RUNNING", "RUNNING"), column("SELECT state FROM job"));
    }

    @Test
    void finishingAJobThatIsThereTwiceIsReportedAndChangesNothing() {
        execute("UPDATE job SET total_tasks = 0, total_chunks = 0");

        StoreException bug = assertThrows(StoreException.class,
                () -> database.inTransaction("finish", c -> jobs.finishIfAllDone(c, "twice", NOW)));

        assertEquals("moving job twice from RUNNING to COMPLETED touched 2 rows, expected at most 1", bug.getMessage());
        assertEquals(List.of("RUNNING", "RUNNING"), column("SELECT state FROM job"));
    }

    @Test
    void recordingTheOutcomesOfAChunkThatIsThereTwiceIsReportedAndRecordsNothing() {
        StoreException bug = assertThrows(StoreException.class, () -> database.inTransaction("record",
                c -> chunks.recordOutcomes(c, List.of(new RecordedResult("twice", 0, 1, "w1", new EncodedOutcomes("[{\"value\":1}]", 0, OutcomesForm.PER_TASK))),
                        1, NOW.toEpochMilli())));

        assertEquals("recording the outcomes of chunk twice:0 touched 2 rows, expected at most 1", bug.getMessage());
        assertEquals(List.of(), column("SELECT outcomes FROM chunk WHERE outcomes IS NOT NULL"));
    }

    @Test
    void deletingAJobThatIsThereTwiceIsReported() {
        execute("UPDATE job SET state = 'COMPLETED'");

        StoreException bug = assertThrows(StoreException.class,
                () -> database.inTransaction("delete", c -> jobs.deleteUnlessRunning(c, "twice")));

        assertEquals("deleting job twice touched 2 rows, expected at most 1", bug.getMessage());
        assertEquals(List.of("COMPLETED", "COMPLETED"), column("SELECT state FROM job"));
    }

    @Test
    void countingChunksSentTotalsAndOutcomesOfAJobThatIsThereTwiceIsReported() {
        StoreException sent = assertThrows(StoreException.class,
                () -> database.inTransaction("sent", c -> jobs.setChunksSent(c, "twice", 1)));
        StoreException totals = assertThrows(StoreException.class, () -> database.inTransaction("totals", c -> {
            jobs.setTotals(c, "twice", 1, 1);
            return null;
        }));
        StoreException done = assertThrows(StoreException.class, () -> database.inTransaction("done", c -> {
            jobs.addDone(c, "twice", 1, 0);
            return null;
        }));

        assertEquals("raising the chunks sent of job twice to 1 touched 2 rows, expected at most 1", sent.getMessage());
        assertEquals("setting the totals of job twice touched 2 rows, expected 1", totals.getMessage());
        assertEquals("counting the outcomes of job twice touched 2 rows, expected 1", done.getMessage());
        assertEquals(List.of("0 null 0", "0 null 0"), column("SELECT chunks_sent || ' ' || "
                + "COALESCE(CAST(total_tasks AS VARCHAR), 'null') || ' ' || tasks_done FROM job"));
    }

    private void execute(String sql) {
        database.inTransaction("arrange", c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }

    private List<String> column(String query) {
        return database.read("read", c -> {
            try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(query)) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        });
    }
}
