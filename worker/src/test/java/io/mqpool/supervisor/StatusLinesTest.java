package io.mqpool.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusLinesTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private final StatusLines status = new StatusLines("w1");

    @Test
    void aBusyLineStartsTheChunkWithItsFirstTaskAndItsTimeout() {
        assertTrue(status.accept("busy job-1 4 40 3 1500", T0));

        assertEquals(new CurrentChunk("job-1", 4, 40, 3, T0, 1500, 40, T0),
                status.currentChunk());
    }

    @Test
    void aTaskLineMovesToThatTaskAndRestartsItsClock() {
        status.accept("busy job-1 4 40 3 1500", T0);

        assertTrue(status.accept("task 41", T0.plusMillis(700)));

        CurrentChunk current = status.currentChunk();
        assertEquals(41, current.taskIndex());
        assertEquals(T0, current.since());
        assertEquals(T0.plusMillis(700), current.taskSince());
        assertFalse(current.taskOverran(T0.plusMillis(2200)));
        assertTrue(current.taskOverran(T0.plusMillis(2201)));
    }

    @Test
    void aLastLineOrARetiringLineSaysTheWorkersSuccessorIsDue() {
        status.accept("busy job-1 4 40 3 0", T0);
        assertFalse(status.lastChunkTaken());

        assertTrue(status.accept("last", T0));

        assertTrue(status.lastChunkTaken());
        StatusLines other = new StatusLines("w2");
        other.accept("retiring 5", T0);
        assertTrue(other.lastChunkTaken());
    }

    @Test
    void anIdleLineEndsTheChunkAndCountsTasks() {
        status.accept("busy job-1 4 40 3 0", T0);

        assertTrue(status.accept("idle 3", T0));

        assertNull(status.currentChunk());
        assertEquals(3, status.tasksDone());
    }

    @Test
    void aChunkWithoutTimeoutNeverOverruns() {
        status.accept("busy job-1 0 0 1 0", T0);

        assertFalse(status.currentChunk().taskOverran(T0.plusSeconds(86_400)));
    }

    @Test
    void garbledOrUnknownLinesArePassedOnAsOutput() {
        assertFalse(status.accept("busy job-1 x 40 3 0", T0));
        assertFalse(status.accept("busy job-1 4 40 3", T0));
        assertFalse(status.accept("hello", T0));
        assertNull(status.currentChunk());
    }
}
