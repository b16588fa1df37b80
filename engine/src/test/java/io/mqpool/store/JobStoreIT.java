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
}
