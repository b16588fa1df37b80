package io.mqpool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mqpool.engine.store.JobState;
import io.mqpool.engine.store.JobStore;
import io.mqpool.engine.store.NewChunk;
import io.mqpool.engine.store.NewJob;
import io.mqpool.engine.store.RecordedResult;
import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomesForm;
import io.mqpool.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stuck-job watch on a real H2 store, checked by hand on a clock the test moves. */
class StuckJobsIT {

    private static final Duration STUCK_AFTER = Duration.ofMinutes(10);
    private static final Instant START = Instant.parse("2026-12-03T12:00:00Z");

    @TempDir
    Path dir;
    private final MovableClock clock = new MovableClock(START);
    private JobStore store;
    private StuckJobs watch;

    @BeforeEach
    void open() {
        store = JobStore.open(dir.resolve("db"), clock);
        watch = new StuckJobs(store, STUCK_AFTER, clock);
    }

    @AfterEach
    void close() {
        watch.close();
        store.close();
    }

    @Test
    void aJobIsStuckOnlyPastTheThresholdAndNoLongerOnceAnOutcomeIsRecorded() {
        create("slow", 0);
        watch.check();
        clock.advance(STUCK_AFTER);
        watch.check();
        assertEquals(List.of(), ids(), "stuck at exactly the threshold");

        clock.advance(Duration.ofSeconds(1));
        watch.check();
        assertEquals(List.of(new StuckJob("slow", "echo", START, STUCK_AFTER)), watch.jobs());
        clock.advance(Duration.ofMinutes(5));
        watch.check();
        assertEquals(List.of("slow"), ids(), "still stuck at the next check");

        store.record(List.of(new RecordedResult("slow", 0, 1, "w1",
                new EncodedOutcomes("[{\"value\":1}]", 0, OutcomesForm.PER_TASK))));
        watch.check();
        assertEquals(List.of(), ids());
        clock.advance(STUCK_AFTER.plusSeconds(1));
        watch.check();
        assertEquals(List.of("slow"), ids(), "a new stuck period, from the outcome on");
        assertEquals(START.plus(STUCK_AFTER).plus(Duration.ofSeconds(1)).plus(Duration.ofMinutes(5)),
                watch.jobs().get(0).since());
    }

    @Test
    void aTaskTimeoutLongerThanTheThresholdIsWaitedOutAndAnEndedJobIsNotStuck() {
        Duration timeout = Duration.ofMinutes(30);
        create("long-tasks", timeout.toMillis());
        create("ends", 0);
        watch.check();
        clock.advance(STUCK_AFTER.plusMinutes(1));
        watch.check();
        assertEquals(List.of("ends"), ids());

        store.finish("ends", JobState.CANCELLED);
        clock.advance(timeout);
        watch.check();
        assertEquals(List.of(new StuckJob("long-tasks", "echo", START, timeout)), watch.jobs());
    }

    @Test
    void theChecksComeEveryQuarterOfTheThresholdWithinBounds() {
        assertEquals(Duration.ofSeconds(30), StuckJobs.intervalFor(Duration.ofMinutes(10)));
        assertEquals(Duration.ofSeconds(5), StuckJobs.intervalFor(Duration.ofSeconds(20)));
        assertEquals(Duration.ofMillis(100), StuckJobs.intervalFor(Duration.ofMillis(200)));
    }

    private void create(String id, long taskTimeoutMillis) {
        store.create(new NewJob(id, "echo", "MAP", 1, taskTimeoutMillis, 0, 0, false, 0, clock.instant()),
                List.of(new NewChunk(0, 0, 1, "[1]"), new NewChunk(1, 1, 1, "[2]")), 2L);
    }

    private List<String> ids() {
        return watch.jobs().stream().map(StuckJob::jobId).toList();
    }
}
