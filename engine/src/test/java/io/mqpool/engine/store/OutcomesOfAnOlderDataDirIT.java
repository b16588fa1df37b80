package io.mqpool.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomeCodec;
import io.mqpool.outcome.OutcomesForm;
import io.mqpool.outcome.TaskOutcome;
import io.mqpool.outcome.TaskOutcome.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir written before chunks of plain values existed: its chunks hold one object per task
 * even when every task succeeded, and its failures a printed stack trace. The new code must read
 * them as they were, and write new chunks in the new form beside them.
 */
class OutcomesOfAnOlderDataDirIT {

    private static final List<String> OLD_SCHEMA = List.of("V1__jobs_and_chunks.sql", "V2__task_attempts.sql",
            "V3__retry_timeouts.sql", "V4__max_in_flight.sql", "V5__retry_of.sql", "V6__chunk_times.sql");
    private static final String STACK = "java.lang.IllegalArgumentException: negative input -1\\n"
            + "\\tat io.mqpool.testtasks.FailIfNegative.call(FailIfNegative.java:12)\\n";

    private final OutcomeCodec codec = new OutcomeCodec();

    @TempDir
    Path dir;

    @Test
    void chunksStoredOneObjectPerTaskBeforeValuesOnlyChunksStillReadAsTheyWere() throws Exception {
        writeAsTheOldCodeDid();

        try (JobStore store = JobStore.open(dir, Clock.systemUTC())) {
            List<ChunkOutcomes> chunks = store.outcomesInIndexOrder("old", 0, 10);

            assertEquals(2, chunks.size());
            assertEquals(new EncodedOutcomes("[{\"value\":{\"value\":1}},{\"value\":\"two\"}]", 0,
                    OutcomesForm.PER_TASK), chunks.get(0).outcomes());
            assertEquals(List.of(new Value("{\"value\":1}"), new Value("\"two\"")),
                    codec.decode(chunks.get(0).outcomes(), 2), "a value that is an object with a value key stays one");
            List<TaskOutcome> second = codec.decode(chunks.get(1).outcomes(), 2);
            assertEquals(new Value("3"), second.get(0));
            TaskOutcome.Failure failure = assertInstanceOf(TaskOutcome.Failure.class, second.get(1));
            assertEquals("java.lang.IllegalArgumentException", failure.type());
            assertEquals("negative input -1", failure.message());
            assertEquals(STACK.replace("\\n", "\n").replace("\\t", "\t"), failure.stackTrace());
        }
    }

    @Test
    void aChunkRecordedAfterTheUpgradeIsStoredAsPlainValuesBesideTheOldOnes() throws Exception {
        writeAsTheOldCodeDid();

        try (JobStore store = JobStore.open(dir, Clock.systemUTC())) {
            store.record(List.of(new RecordedResult("old", 2, 1, "w1",
                    codec.encode(List.of(new Value("{\"value\":5}"))))));

            List<ChunkOutcomes> chunks = store.outcomesInIndexOrder("old", 0, 10);
            assertEquals(new EncodedOutcomes("[{\"value\":5}]", 0, OutcomesForm.VALUES), chunks.get(2).outcomes());
            assertEquals(List.of(new Value("{\"value\":5}")), codec.decode(chunks.get(2).outcomes(), 1));
            assertEquals(OutcomesForm.PER_TASK, chunks.get(0).outcomes().form());
        }
    }

    /** The schema up to V6 and one job of three chunks, two with outcomes, as the old code stored them. */
    private void writeAsTheOldCodeDid() throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("mqpool").toAbsolutePath(),
                "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (name VARCHAR(200) PRIMARY KEY, "
                    + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            for (String migration : OLD_SCHEMA) {
                s.execute(schemaFile(migration));
                s.execute("INSERT INTO schema_version VALUES ('" + migration + "', CURRENT_TIMESTAMP)");
            }
            s.execute("INSERT INTO job (id, task_name, mode, state, chunksize, task_timeout_ms, job_timeout_ms, "
                    + "retries, total_tasks, total_chunks, chunks_sent, tasks_done, tasks_failed, created_at) "
                    + "VALUES ('old', 'echo', 'MAP', 'RUNNING', 2, 0, 0, 2, 5, 3, 3, 4, 1, CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO chunk (job_id, chunk_no, first_index, size, args, completion_seq, failures, "
                    + "worker_id, outcomes) VALUES ('old', 0, 0, 2, '[1,2]', 1, 0, 'w1', "
                    + "'[{\"value\":{\"value\":1}},{\"value\":\"two\"}]')");
            s.execute("INSERT INTO chunk (job_id, chunk_no, first_index, size, args, completion_seq, failures, "
                    + "worker_id, outcomes) VALUES ('old', 1, 2, 2, '[3,-1]', 2, 1, 'w1', "
                    + "'[{\"value\":3},{\"error\":{\"type\":\"java.lang.IllegalArgumentException\","
                    + "\"message\":\"negative input -1\",\"stack\":\"" + STACK + "\"}}]')");
            s.execute("INSERT INTO chunk (job_id, chunk_no, first_index, size, args) VALUES ('old', 2, 4, 1, '[5]')");
        }
    }

    private static String schemaFile(String name) throws IOException {
        // A migration lives in the folder of its dialect where H2 and PostgreSQL differ, else in common.
        InputStream h2Only = JobStore.class.getResourceAsStream("/db/migration/h2/" + name);
        try (InputStream in = h2Only != null ? h2Only
                : JobStore.class.getResourceAsStream("/db/migration/common/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
