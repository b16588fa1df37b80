package io.mqpool.engine.store;

import static io.mqpool.engine.store.JobState.CANCELLED;
import static io.mqpool.engine.store.JobState.COMPLETED;
import static io.mqpool.engine.store.JobState.FAILED;
import static io.mqpool.engine.store.JobState.RUNNING;
import static io.mqpool.engine.store.JobState.TIMED_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The statements of the {@code job} table on each database the store runs on: state changes through the table of
 * moves only, and what each conditional update answers when it loses a race.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "on {0}")
@EnumSource(StoreKind.class)
class JobTableIT {

    private static final Instant CREATED = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T09:05:00Z");

    private final JobTable jobs = new JobTable();
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

    @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
    @MethodSource("io.mqpool.engine.store.JobStateTest#everyPair")
    void aMoveTheTableAllowsIsWrittenAndAnyOtherIsRefusedLeavingTheJobAsItWas(JobState from, JobState to,
            boolean allowed) {
        String id = newJob(null);
        if (from != RUNNING) {
            assertTrue(move(id, RUNNING, from));
        }

        if (allowed) {
            assertTrue(move(id, from, to));
            assertEquals(to, job(id).state());
            assertEquals(NOW, job(id).finishedAt());
        } else {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> move(id, from, to));
            assertEquals("a job cannot move from " + from + " to " + to + " (job " + id + ")", refused.getMessage());
            assertEquals(from, job(id).state());
        }
    }

    @Test
    void aMoveFromAStateTheJobIsNoLongerInIsALostRaceAndChangesNothing() {
        String id = newJob(1L);
        assertTrue(move(id, RUNNING, CANCELLED));

        assertFalse(move(id, RUNNING, TIMED_OUT));
        assertEquals(CANCELLED, job(id).state());
        assertFalse(move("no-such-job", RUNNING, CANCELLED));
    }

    @Test
    void twoTransactionsEndingTheSameJobAtOnceLeaveItEndedOnceByTheFirst() throws Exception {
        String id = newJob(1L);

        HeldTransaction.Answers<Boolean, Boolean> answers = HeldTransaction.secondWaitsForFirst(kind, database,
                c -> jobs.move(c, id, RUNNING, CANCELLED, NOW), c -> jobs.move(c, id, RUNNING, TIMED_OUT, NOW));

        assertTrue(answers.first());
        assertFalse(answers.second(), "the second lost the race");
        assertEquals(CANCELLED, job(id).state());
    }

    @Test
    void aJobWhoseEveryTaskHasAnOutcomeFinishesCompletedOrFailedThroughTheTable() {
        String clean = newJob(2L);
        String failing = newJob(2L);
        database.inTransaction("count outcomes", c -> {
            jobs.addDone(c, clean, 2, 0);
            jobs.addDone(c, failing, 2, 1);
            return null;
        });

        assertEquals(Optional.of(COMPLETED), finishIfAllDone(clean));
        assertEquals(Optional.of(FAILED), finishIfAllDone(failing));
        assertEquals(NOW, job(clean).finishedAt());
        assertEquals(Optional.empty(), finishIfAllDone(clean), "finished already");
        assertEquals(COMPLETED, job(clean).state());
    }

    @Test
    void aJobWithTasksLeftOrAnInputStillBeingReadOrNoRowDoesNotFinish() {
        String halfway = newJob(2L);
        String lazy = newJob(null);
        database.inTransaction("count outcomes", c -> {
            jobs.addDone(c, halfway, 1, 0);
            jobs.addDone(c, lazy, 3, 0);
            return null;
        });

        assertEquals(Optional.empty(), finishIfAllDone(halfway));
        assertEquals(Optional.empty(), finishIfAllDone(lazy));
        assertEquals(Optional.empty(), finishIfAllDone("no-such-job"));
        assertEquals(RUNNING, job(halfway).state());
        assertEquals(RUNNING, job(lazy).state());
        assertNull(job(lazy).finishedAt());
    }

    @Test
    void aCancelledJobWhoseLastOutcomesArriveStaysCancelled() {
        String id = newJob(1L);
        assertTrue(move(id, RUNNING, CANCELLED));
        database.inTransaction("count outcomes", c -> {
            jobs.addDone(c, id, 1, 0);
            return null;
        });

        assertEquals(Optional.empty(), finishIfAllDone(id));
        assertEquals(CANCELLED, job(id).state());
    }

    @Test
    void twoTransactionsFinishingTheSameJobAtOnceFinishItOnce() throws Exception {
        String id = newJob(0L);

        HeldTransaction.Answers<Optional<JobState>, Optional<JobState>> answers = HeldTransaction
                .secondWaitsForFirst(kind, database, c -> jobs.finishIfAllDone(c, id, NOW),
                        c -> jobs.finishIfAllDone(c, id, NOW.plusSeconds(1)));

        assertEquals(Optional.of(COMPLETED), answers.first());
        assertEquals(Optional.empty(), answers.second(), "the second lost the race");
        assertEquals(NOW, job(id).finishedAt());
    }

    @Test
    void anEndedJobIsDeletedOnceAndARunningOneNot() {
        String running = newJob(1L);
        String ended = newJob(1L);
        assertTrue(move(ended, RUNNING, FAILED));

        assertFalse(delete(running));
        assertTrue(delete(ended));
        assertFalse(delete(ended), "gone already");
        assertTrue(database.read("find job", c -> jobs.find(c, ended)).isEmpty());
        assertEquals(RUNNING, job(running).state());
    }

    @Test
    void theCountOfChunksSentOnlyRises() {
        String id = newJob(10L);

        assertTrue(setChunksSent(id, 3));
        assertFalse(setChunksSent(id, 2), "a later send committed first");
        assertFalse(setChunksSent(id, 3));
        assertEquals(3, job(id).chunksSent());
    }

    @Test
    void totalsAreSetOnceAndCountingOutcomesOfAJobWithoutARowIsReported() {
        String id = newJob(null);
        database.inTransaction("set totals", c -> {
            jobs.setTotals(c, id, 5, 2);
            return null;
        });
        assertEquals(5L, job(id).totalTasks());
        assertEquals(2, job(id).totalChunks());

        StoreException twice = assertThrows(StoreException.class, () -> database.inTransaction("set totals", c -> {
            jobs.setTotals(c, id, 6, 3);
            return null;
        }));
        assertEquals("setting the totals of job " + id + " touched 0 rows, expected 1", twice.getMessage());
        StoreException missing = assertThrows(StoreException.class, () -> database.inTransaction("count", c -> {
            jobs.addDone(c, "no-such-job", 1, 0);
            return null;
        }));
        assertEquals("counting the outcomes of job no-such-job touched 0 rows, expected 1", missing.getMessage());
    }

    @Test
    void runningJobsAreReadInTheOrderTheyWereAccepted() {
        String first = newJob(1L);
        String ended = newJob(1L);
        String second = newJob(1L);
        assertTrue(move(ended, RUNNING, COMPLETED));

        List<String> running = database.read("read running jobs", c -> jobs.inState(c, RUNNING)).stream()
                .map(JobRow::id).toList();
        List<String> completed = database.read("read completed jobs", c -> jobs.inState(c, COMPLETED)).stream()
                .map(JobRow::id).toList();

        assertTrue(running.indexOf(first) < running.indexOf(second), running.toString());
        assertFalse(running.contains(ended));
        assertTrue(completed.contains(ended));
    }

    @Test
    void theReadingsCountJobsPerStateInOneQueryAndReadTheSizeOnDiskAndAnswerAPing() {
        // A database of its own: the shared one's H2 file sits in an earlier test's directory, gone by now.
        StoreLocation location = kind.location(dir.resolve("readings"));
        try (Database own = Database.open(location)) {
            StoreReadings readings = new StoreReadings(own, location, jobs);
            assertEquals(Map.of(), readings.jobsByState(), "no job, no state");
            for (int i = 0; i < 3; i++) {
                String id = "readings" + i;
                own.inTransaction("store job " + id, c -> {
                    jobs.insert(c, new NewJob(id, "echo", "MAP", 1, 0, 0, 2, false, 0, CREATED));
                    return null;
                });
            }
            boolean failed = own.inTransaction("fail a job", c -> jobs.move(c, "readings2", RUNNING, FAILED, NOW));
            assertTrue(failed);
            assertEquals(Map.of(RUNNING, 2L, FAILED, 1L), readings.jobsByState());
            readings.ping();
            assertTrue(readings.bytesOnDisk().orElseThrow() > 0, "the store has a size on disk");
        }
    }

    private String newJob(Long totalTasks) {
        String id = "job" + ids.incrementAndGet();
        database.inTransaction("store job " + id, c -> {
            jobs.insert(c, new NewJob(id, "echo", "MAP", 1, 0, 0, 2, false, 0, CREATED));
            if (totalTasks != null) {
                jobs.setTotals(c, id, totalTasks, totalTasks.intValue());
            }
            return null;
        });
        return id;
    }

    private JobRow job(String id) {
        return database.read("read job " + id, c -> jobs.find(c, id)).orElseThrow();
    }

    private boolean move(String id, JobState from, JobState to) {
        return database.inTransaction("move job " + id, c -> jobs.move(c, id, from, to, NOW));
    }

    private Optional<JobState> finishIfAllDone(String id) {
        return database.inTransaction("finish job " + id, c -> jobs.finishIfAllDone(c, id, NOW));
    }

    private boolean delete(String id) {
        return database.inTransaction("delete job " + id, c -> jobs.deleteUnlessRunning(c, id));
    }

    private boolean setChunksSent(String id, int sent) {
        return database.inTransaction("record chunks sent of " + id, c -> jobs.setChunksSent(c, id, sent));
    }
}
