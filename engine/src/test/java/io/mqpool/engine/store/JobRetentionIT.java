package io.mqpool.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomesForm;
import io.mqpool.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Which finished jobs the store deletes once their retention has passed, on each database it runs on. */
@ParameterizedClass(name = "on {0}")
@EnumSource(StoreKind.class)
class JobRetentionIT {

    private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(START);
    private StoreLocation location;

    @BeforeEach
    void newStore() {
        location = kind.location(dir);
    }

    @Test
    void onlyJobsFinishedLongerAgoThanTheirRetentionAreDeletedWhileAnotherRuns() {
        try (JobStore store = JobStore.open(location, clock)) {
            finishedJob(store, "old", null, 3);
            finishedJob(store, "short", Duration.ofHours(1).toMillis(), 1);
            finishedJob(store, "forever", 0L, 1);
            create(store, "running", null, 2);
            assertEquals(List.of(), store.deleteExpired(WEEK, 10), "nothing has expired yet");

            clock.advance(Duration.ofHours(1));
            assertEquals(List.of("short"), store.deleteExpired(WEEK, 10), "its own retention, not the week");

            clock.advance(Duration.ofDays(6));
            finishedJob(store, "recent", null, 1);
            assertEquals(List.of(), store.deleteExpired(WEEK, 10), "after 6 days 1 hour, the week has not passed");

            clock.advance(Duration.ofDays(1));
            assertEquals(List.of("old"), store.deleteExpired(WEEK, 10));
            assertTrue(store.job("old").isEmpty());
            assertTrue(store.chunksFrom("old", 0, 10).isEmpty(), "its chunks went with it");
            assertEquals(1, store.recordDeath("old", 0, false, "exit 137").deaths(), "its attempts went with it");
            assertEquals(List.of("forever", "recent", "running"), ids(store));
            assertEquals(2, store.chunksFrom("running", 0, 10).size());
            assertEquals(1, store.chunksWithOutcomes("recent"));

            clock.advance(Duration.ofDays(365));
            assertEquals(List.of("recent"), store.deleteExpired(WEEK, 10));
            assertEquals(List.of("forever", "running"), ids(store), "retention 0 keeps a job; a running one stays");
        }
    }

    @Test
    void aRetentionOfZeroForTheServerKeepsEveryJobWithoutOneOfItsOwn() {
        try (JobStore store = JobStore.open(location, clock)) {
            finishedJob(store, "plain", null, 1);
            finishedJob(store, "own", Duration.ofSeconds(5).toMillis(), 1);
            clock.advance(Duration.ofDays(3650));

            assertEquals(List.of("own"), store.deleteExpired(Duration.ZERO, 10));
            assertEquals(List.of("plain"), ids(store));
        }
    }

    @Test
    void aJobsOwnRetentionIsKeptAcrossARestart() {
        try (JobStore store = JobStore.open(location, clock)) {
            create(store, "own", 90_000L, 1);
            create(store, "plain", null, 1);
        }
        try (JobStore store = JobStore.open(location, clock)) {
            assertEquals(90_000L, store.job("own").orElseThrow().retentionMillis());
            assertEquals(null, store.job("plain").orElseThrow().retentionMillis());
        }
    }

    @Test
    void aBigJobIsDeletedAThousandChunksToATransactionAndAtMostTheBatchAtOnce() {
        try (JobStore store = JobStore.open(location, clock)) {
            int chunks = JobStore.CHUNKS_PER_TRANSACTION * 2 + 7;
            finishedJob(store, "big", null, chunks);
            for (int i = 0; i < 3; i++) {
                finishedJob(store, "small" + i, null, 1);
            }
            clock.advance(WEEK.plusSeconds(1));

            assertEquals(List.of("big", "small0"), store.deleteExpired(WEEK, 2), "the first to finish, first");
            assertTrue(store.chunksFrom("big", 0, chunks).isEmpty());
            assertEquals(List.of("small1", "small2"), sorted(store.deleteExpired(WEEK, 10)));
            store.reclaimSpace();
            assertEquals(0, store.jobCount());
        }
    }

    /** A job of {@code chunks} one-task chunks, stored and then finished with every outcome. */
    private void finishedJob(JobStore store, String id, Long retentionMillis, int chunks) {
        create(store, id, retentionMillis, chunks);
        List<RecordedResult> results = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            results.add(new RecordedResult(id, i, 1, "w1",
                    new EncodedOutcomes("[{\"value\":" + i + "}]", 0, OutcomesForm.PER_TASK)));
        }
        store.recordDeath(id, 0, false, "exit 137");
        store.record(results);
        assertEquals(JobState.COMPLETED, store.job(id).orElseThrow().state());
        clock.advance(Duration.ofSeconds(1));
    }

    private void create(JobStore store, String id, Long retentionMillis, int chunks) {
        List<NewChunk> list = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            list.add(new NewChunk(i, i, 1, "[" + i + "]"));
        }
        store.create(new NewJob(id, "echo", "MAP", 1, 0, 0, 2, false, 0, clock.instant(), null, null,
                retentionMillis, "NORMAL"), list, (long) chunks);
    }

    private static List<String> ids(JobStore store) {
        return store.jobsNewestFirst(null, null, 100).stream().map(JobRow::id).sorted().toList();
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }
}
