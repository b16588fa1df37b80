package io.mqpool.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job store on H2 files, across a close and a reopen as a server restart does. */
class JobStoreIT {

    @TempDir
    Path dir;

    @Test
    void whetherAJobRetriesTimeoutsIsKeptAcrossARestart() {
        List<NewChunk> chunk = List.of(new NewChunk(0, 0, 1, "[1]"));
        try (JobStore store = JobStore.open(dir, Clock.systemUTC())) {
            store.create(new NewJob("retrying", "echo", "MAP", 1, 1000, 0, 2, true, 0, Instant.now()), chunk, 1L);
            store.create(new NewJob("failing", "echo", "MAP", 1, 1000, 0, 2, false, 0, Instant.now()), chunk, 1L);
        }

        try (JobStore store = JobStore.open(dir, Clock.systemUTC())) {
            assertTrue(store.job("retrying").orElseThrow().retryTimeouts());
            assertFalse(store.job("failing").orElseThrow().retryTimeouts());
        }
    }

    @Test
    void aJobsOwnBoundOnTasksInFlightIsKeptAcrossARestart() {
        List<NewChunk> chunk = List.of(new NewChunk(0, 0, 1, "[1]"));
        try (JobStore store = JobStore.open(dir, Clock.systemUTC())) {
            store.create(new NewJob("bounded", "echo", "MAP", 1, 0, 0, 2, false, 3, Instant.now()), chunk, 1L);
        }

        try (JobStore store = JobStore.open(dir, Clock.systemUTC())) {
            assertEquals(3, store.job("bounded").orElseThrow().maxInFlight());
        }
    }

    @Test
    void deletingAFinishedJobRemovesItsChunksOutcomesAndAttemptsAndLeavesOtherJobsAlone() {
        try (JobStore store = JobStore.open(dir, Clock.systemUTC())) {
            List<NewChunk> chunks = List.of(new NewChunk(0, 0, 2, "[1,2]"), new NewChunk(1, 2, 1, "[3]"));
            store.create(new NewJob("gone", "echo", "MAP", 2, 0, 0, 2, false, 0, Instant.now()), chunks, 3L);
            store.create(new NewJob("kept", "echo", "MAP", 2, 0, 0, 2, false, 0, Instant.now()), chunks, 3L);
            store.create(new NewJob("busy", "echo", "MAP", 2, 0, 0, 2, false, 0, Instant.now()), chunks, 3L);
            for (String id : List.of("gone", "kept")) {
                store.recordDeath(id, 2, false, "exit 137");
                store.record(List.of(new RecordedResult(id, 0, 2, 0, "w1", "[{\"value\":1},{\"value\":2}]"),
                        new RecordedResult(id, 1, 1, 0, "w1", "[{\"value\":3}]")));
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
}
