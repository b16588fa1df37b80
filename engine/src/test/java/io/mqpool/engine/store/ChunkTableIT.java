package io.mqpool.engine.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomesForm;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The statements of the {@code chunk} table on each database the store runs on: the first outcome of a chunk
 * claims it, and the reads that hand outcomes out in index order, completion order and by failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "on {0}")
@EnumSource(StoreKind.class)
class ChunkTableIT {

    private static final Instant CREATED = Instant.parse("2026-12-01T09:00:00Z");
    private static final long NOW_MILLIS = Instant.parse("2026-12-01T09:05:00Z").toEpochMilli();

    private final JobTable jobs = new JobTable();
    private final ChunkTable chunks = new ChunkTable();
    private final AtomicInteger ids = new AtomicInteger();
    private Database database;

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    private StoreKind openedFor;

    /** One database per kind, shared by its tests: each test makes jobs of its own. */
    @BeforeEach
    void openDatabase() {
        if (openedFor != kind) {
            closeDatabase();
            database = Database.open(kind.location(dir.resolve(kind.name())));
            openedFor = kind;
        }
    }

    @AfterAll
    void closeDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    private static EncodedOutcomes perTask(String json, int failures) {
        return new EncodedOutcomes(json, failures, OutcomesForm.PER_TASK);
    }

    @Test
    void theFirstOutcomeOfAChunkIsKeptAndALaterOneIsAnsweredAsNotRecorded() {
        String id = newJob(2);

        assertArrayEquals(new boolean[] {true, false, true}, record(1,
                result(id, 0, "[{\"value\":\"first\"}]"), result(id, 0, "[{\"value\":\"again\"}]"),
                result(id, 1, "[{\"value\":\"other\"}]")));
        assertArrayEquals(new boolean[] {false}, record(4, result(id, 1, "[{\"value\":\"redelivered\"}]")));

        List<ChunkOutcomes> recorded = database.read("read", c -> chunks.inIndexOrder(c, id, 0, 10));
        assertEquals(List.of("[{\"value\":\"first\"}]", "[{\"value\":\"other\"}]"),
                recorded.stream().map(chunk -> chunk.outcomes().json()).toList());
        assertEquals(List.of(1L, 3L), recorded.stream().map(ChunkOutcomes::completionSeq).toList());
    }

    @Test
    void anOutcomeForAChunkThatIsNotThereOrOfAnotherSizeIsNotRecorded() {
        String id = newJob(1);

        assertArrayEquals(new boolean[] {false, false}, record(1, result(id, 7, "[{\"value\":1}]"),
                new RecordedResult(id, 0, 2, "w1", perTask("[{\"value\":1},{\"value\":2}]", 0))));
        assertEquals(0, (int) database.read("count", c -> chunks.countWithOutcomes(c, id)));
    }

    @Test
    void twoTransactionsRecordingTheSameChunkAtOnceKeepTheFirstOutcome() throws Exception {
        String id = newJob(1);

        HeldTransaction.Answers<boolean[], boolean[]> answers = HeldTransaction.secondWaitsForFirst(kind, database,
                c -> chunks.recordOutcomes(c, List.of(result(id, 0, "[{\"value\":\"first\"}]")), 1, NOW_MILLIS),
                c -> chunks.recordOutcomes(c, List.of(result(id, 0, "[{\"value\":\"second\"}]")), 2, NOW_MILLIS));

        assertArrayEquals(new boolean[] {true}, answers.first());
        assertArrayEquals(new boolean[] {false}, answers.second(), "the second lost the race");
        assertEquals("[{\"value\":\"first\"}]",
                database.read("read", c -> chunks.inIndexOrder(c, id, 0, 1)).get(0).outcomes().json());
    }

    @Test
    void outcomesInIndexOrderStopAtTheFirstChunkWithoutAndRecordedOnesSkipIt() {
        String id = newJob(4);
        record(10, result(id, 0, "[{\"value\":0}]"), result(id, 1, "[{\"value\":1}]"), result(id, 3, "[{\"value\":3}]"));

        assertEquals(List.of(0, 1), chunkNos(database.read("read", c -> chunks.inIndexOrder(c, id, 0, 10))));
        assertEquals(List.of(), chunkNos(database.read("read", c -> chunks.inIndexOrder(c, id, 2, 10))));
        assertEquals(List.of(1), chunkNos(database.read("read", c -> chunks.inIndexOrder(c, id, 1, 1))));
        assertEquals(List.of(0, 1, 3), chunkNos(database.read("read", c -> chunks.recordedFrom(c, id, 0, 10, false))));
        assertEquals(List.of(1, 3), chunkNos(database.read("read", c -> chunks.recordedFrom(c, id, 1, 2, false))));
        assertEquals(3, (int) database.read("count", c -> chunks.countWithOutcomes(c, id)));
    }

    @Test
    void outcomesInCompletionOrderFollowTheCompletionNumbersAndCanBeOnlyTheFailedOnes() {
        String id = newJob(3);
        record(100, result(id, 2, "[{\"value\":2}]"));
        record(101, new RecordedResult(id, 0, 1, "w1", perTask("[{\"error\":{}}]", 1)));
        record(102, result(id, 1, "[{\"value\":1}]"));

        assertEquals(List.of(2, 0, 1), chunkNos(database.read("read",
                c -> chunks.inCompletionOrder(c, id, 0, 10, false))));
        assertEquals(List.of(0, 1), chunkNos(database.read("read",
                c -> chunks.inCompletionOrder(c, id, 100, 10, false))));
        assertEquals(List.of(0), chunkNos(database.read("read", c -> chunks.inCompletionOrder(c, id, 0, 10, true))));
        assertEquals(List.of(0), chunkNos(database.read("read", c -> chunks.recordedFrom(c, id, 0, 10, true))));
        List<FailedChunk> failed = database.read("read", c -> chunks.withFailuresFrom(c, id, 0, 10));
        assertEquals(List.of(new FailedChunk(0, 0, "[0]", perTask("[{\"error\":{}}]", 1))), failed);
        assertTrue(database.read("read", chunks::maxCompletionSeq) >= 102);
    }

    @Test
    void chunksAreReadForSendingFromAChunkOnAndTheirArgumentsOneByOne() {
        String id = newJob(3);

        assertEquals(List.of(new StoredChunk(id, 1, 1, 1, "[1]"), new StoredChunk(id, 2, 2, 1, "[2]")),
                database.read("read", c -> chunks.from(c, id, 1, 5)));
        assertEquals(Optional.of("[2]"), database.read("read", c -> chunks.args(c, id, 2)));
        assertEquals(Optional.empty(), database.read("read", c -> chunks.args(c, id, 3)));
    }

    @Test
    void deletingAJobsChunksLeavesOtherJobsChunks() {
        String gone = newJob(2);
        String kept = newJob(2);

        database.inTransaction("delete", c -> {
            chunks.deleteJob(c, gone);
            return null;
        });

        assertTrue(database.read("read", c -> chunks.from(c, gone, 0, 10)).isEmpty());
        assertEquals(2, database.read("read", c -> chunks.from(c, kept, 0, 10)).size());
    }

    /** A job of {@code size} one-task chunks, chunk i holding the argument i. */
    private String newJob(int size) {
        String id = "job" + ids.incrementAndGet();
        database.inTransaction("store job " + id, c -> {
            jobs.insert(c, new NewJob(id, "echo", "MAP", 1, 0, 0, 2, false, 0, CREATED));
            chunks.insert(c, id, IntStream.range(0, size)
                    .mapToObj(i -> new NewChunk(i, i, 1, "[" + i + "]")).toList());
            return null;
        });
        return id;
    }

    private static RecordedResult result(String jobId, int chunkNo, String outcomesJson) {
        return new RecordedResult(jobId, chunkNo, 1, "w1", perTask(outcomesJson, 0));
    }

    private boolean[] record(long firstSeq, RecordedResult... results) {
        return database.inTransaction("record", c -> chunks.recordOutcomes(c, List.of(results), firstSeq, NOW_MILLIS));
    }

    private static List<Integer> chunkNos(List<ChunkOutcomes> outcomes) {
        return outcomes.stream().map(ChunkOutcomes::chunkNo).toList();
    }
}
