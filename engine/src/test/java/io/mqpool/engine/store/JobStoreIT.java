package io.mqpool.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomesForm;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The job store on each database it runs on, across a close and a reopen as a server restart does. */
@ParameterizedClass(name = "on {0}")
@EnumSource(StoreKind.class)
class JobStoreIT {

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    /** A new, empty store for each test, opened again at the same place by the tests that restart. */
    private StoreLocation location;

    @BeforeEach
    void newStore() {
        location = kind.location(dir);
    }

    private static EncodedOutcomes perTask(String json, int failures) {
        return new EncodedOutcomes(json, failures, OutcomesForm.PER_TASK);
    }

    @Test
    void whetherAJobRetriesTimeoutsIsKeptAcrossARestart() {
        List<NewChunk> chunk = List.of(new NewChunk(0, 0, 1, "[1]"));
        try (JobStore store = JobStore.open(location, Clock.systemUTC())) {
            store.create(new NewJob("retrying", "echo", "MAP", 1, 1000, 0, 2, true, 0, Instant.now()), chunk, 1L);
            store.create(new NewJob("failing", "echo", "MAP", 1, 1000, 0, 2, false, 0, Instant.now()), chunk, 1L);
        }

        try (JobStore store = JobStore.open(location, Clock.systemUTC())) {
            assertTrue(store.job("retrying").orElseThrow().retryTimeouts());
            assertFalse(store.job("failing").orElseThrow().retryTimeouts());
        }
    }

    @Test
    void aJobsOwnBoundOnTasksInFlightIsKeptAcrossARestart() {
        List<NewChunk> chunk = List.of(new NewChunk(0, 0, 1, "[1]"));
        try (JobStore store = JobStore.open(location, Clock.systemUTC())) {
            store.create(new NewJob("bounded", "echo", "MAP", 1, 0, 0, 2, false, 3, Instant.now()), chunk, 1L);
        }

        try (JobStore store = JobStore.open(location, Clock.systemUTC())) {
            assertEquals(3, store.job("bounded").orElseThrow().maxInFlight());
        }
    }

    @Test
    void deletingAFinishedJobRemovesItsChunksOutcomesAndAttemptsAndLeavesOtherJobsAlone() {
        try (JobStore store = JobStore.open(location, Clock.systemUTC())) {
            List<NewChunk> chunks = List.of(new NewChunk(0, 0, 2, "[1,2]"), new NewChunk(1, 2, 1, "[3]"));
            store.create(new NewJob("gone", "echo", "MAP", 2, 0, 0, 2, false, 0, Instant.now()), chunks, 3L);
            store.create(new NewJob("kept", "echo", "MAP", 2, 0, 0, 2, false, 0, Instant.now()), chunks, 3L);
            store.create(new NewJob("busy", "echo", "MAP", 2, 0, 0, 2, false, 0, Instant.now()), chunks, 3L);
            for (String id : List.of("gone", "kept")) {
                store.recordDeath(id, 2, false, "exit 137");
                store.record(List.of(new RecordedResult(id, 0, 2, "w1", perTask("[{\"value\":1},{\"value\":2}]", 0)),
                        new RecordedResult(id, 1, 1, "w1", perTask("[{\"value\":3}]", 0))));
            }
            assertEquals(JobState.COMPLETED, store.job("gone").orElseThrow().state());

            assertEquals(JobDeletion.RUNNING, store.delete("busy"));
            assertEquals(JobDeletion.DELETED, store.delete("gone"));
            assertEquals(JobDeletion.UNKNOWN, store.delete("gone"));
            assertEquals(JobDeletion.UNKNOWN, store.delete("never"));

            assertTrue(store.job("gone").isEmpty());
            assertTrue(store.chunksFrom("gone", 0, 10).isEmpty());
            assertEquals(0, store.chunksWithOutcomes("gone"));
            assertEquals(1, store.recordDeath("gone", 2, false, "exit 137").deaths(), "its attempts were removed");
            assertEquals(2, store.recordDeath("kept", 2, false, "exit 137").deaths());
            assertEquals(2, store.chunksWithOutcomes("kept"));
            assertEquals(JobState.RUNNING, store.job("busy").orElseThrow().state());
            assertEquals(2, store.chunksFrom("busy", 0, 10).size());
            assertEquals(List.of("busy", "kept"), store.jobsNewestFirst(null, null, 10).stream()
                    .map(JobRow::id).toList());
        }
    }

    @Test
    void aPageOfJobsFilteredByTaskNameStaysFastAmong10000Jobs() {
        try (JobStore store = JobStore.open(location, Clock.systemUTC())) {
            List<NewChunk> chunk = List.of(new NewChunk(0, 0, 1, "[1]"));
            for (int i = 0; i < 10_000; i++) {
                String task = i % 1000 == 0 ? "Rare_Task" : i % 2 == 0 ? "compute_cube" : "square";
                store.create(new NewJob("job" + i, task, "MAP", 1, 0, 0, 2, false, 0, Instant.now()), chunk, 1L);
            }
            store.jobsNewestFirst(null, "warm", null, 50);

            long start = System.nanoTime();
            List<JobRow> rare = store.jobsNewestFirst(null, "rare_", null, 50);
            List<JobRow> none = store.jobsNewestFirst(null, "no such task", null, 50);
            List<JobRow> cubes = store.jobsNewestFirst(JobState.RUNNING, "CUBE", null, 50);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(10, rare.size());
            assertEquals("job9000", rare.get(0).id());
            assertEquals(0, none.size());
            assertEquals(50, cubes.size());
            assertTrue(cubes.stream().allMatch(job -> job.taskName().equals("compute_cube")));
            assertEquals(List.of("job8000", "job7000"), store.jobsNewestFirst(null, "RARE", rare.get(0).seq(), 2)
                    .stream().map(JobRow::id).toList());
            assertEquals(0, store.jobsNewestFirst(null, "rare%", null, 50).size(), "% is taken literally");
            assertEquals(0, store.jobsNewestFirst(null, "compute\\", null, 50).size());
            // Three filtered pages scanning up to all 10,000 rows; generous for a shared 2-core machine.
            assertTrue(millis < 2_000, "three filtered pages took " + millis + " ms");
            System.out.println("three task-filtered pages among 10,000 jobs took " + millis + " ms");
        }
    }

    @Test
    void chunkTimesAreStoredAndCountedPerIntervalAndAsTaskDurations() {
        Instant now = Instant.parse("2026-12-02T07:00:30Z");
        try (JobStore store = JobStore.open(location, Clock.fixed(now, java.time.ZoneOffset.UTC))) {
            List<NewChunk> chunks = List.of(new NewChunk(0, 0, 2, "[1,2]"), new NewChunk(1, 2, 2, "[3,4]"),
                    new NewChunk(2, 4, 1, "[5]"));
            store.create(new NewJob("timed", "echo", "MAP", 2, 0, 0, 2, false, 0, now), chunks, 5L);
            long t = Instant.parse("2026-12-02T06:58:10Z").toEpochMilli();
            store.record(List.of(
                    new RecordedResult("timed", 0, 2, "w1", perTask("[{\"value\":1},{\"value\":2}]", 0), t, t + 40),
                    new RecordedResult("timed", 1, 2, "w1", perTask("[{\"value\":3},{\"value\":4}]", 0), t + 60_000,
                            t + 61_000),
                    // Answered by the server, not run by a worker: counted when recorded, no duration.
                    new RecordedResult("timed", 2, 1, "server", perTask("[{\"error\":{}}]", 1))));

            assertEquals(List.of(new TimeBucket(Instant.parse("2026-12-02T06:58:00Z").toEpochMilli(), 2),
                    new TimeBucket(Instant.parse("2026-12-02T06:59:00Z").toEpochMilli(), 2),
                    new TimeBucket(Instant.parse("2026-12-02T07:00:00Z").toEpochMilli(), 1)),
                    store.finishedPerBucket("timed", 0, 60_000));
            assertEquals(List.of(new TimeBucket(Instant.parse("2026-12-02T06:59:00Z").toEpochMilli(), 2),
                    new TimeBucket(Instant.parse("2026-12-02T07:00:00Z").toEpochMilli(), 1)),
                    store.finishedPerBucket(null, t + 60_000, 60_000));
            assertEquals(t + 40, store.finishSpan("timed").orElseThrow()[0]);
            assertEquals(now.toEpochMilli(), store.finishSpan("timed").orElseThrow()[1]);
            assertTrue(store.finishSpan("nothing").isEmpty());
            List<Long> counts = store.taskDurations("timed", new DurationHistogram(List.of(20L, 1_000L))).counts();
            assertEquals(List.of(2L, 2L, 0L), counts, "two tasks of 20 ms, two of 500 ms; the untimed one left out");
        }
    }
}
