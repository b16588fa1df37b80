package io.mqpool.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChunkDeathsTest {

    private static ChunkDeath death(String jobId, int chunkNo, String exit) {
        return new ChunkDeath(jobId, chunkNo, "w1", 0, false, 0, exit);
    }

    @Test
    void anExitCodeAbove128ReadsAsTheSignalThatEndedTheProcess() {
        assertEquals("signal 9", ChunkDeath.describeExit(137));
        assertEquals("signal 15", ChunkDeath.describeExit(143));
        assertEquals("code 1", ChunkDeath.describeExit(1));
        assertEquals("code 128", ChunkDeath.describeExit(128));
    }

    @Test
    void aDeathNamesTheTaskTheChunkWasRunning() {
        CurrentChunk chunk = new CurrentChunk("job", 2, 20, 3, Instant.EPOCH, 500, 21,
                Instant.EPOCH);

        assertEquals(new ChunkDeath("job", 2, "w4", 21, true, 500, "signal 9"),
                ChunkDeath.of(chunk, "w4", true, 137));
    }

    @Test
    void theLatestDeathOfAChunkIsKeptAndTheLeastRecentlyRecordedChunksAreForgotten() {
        ChunkDeaths deaths = new ChunkDeaths(2);
        deaths.record(death("a", 0, "code 1"));
        deaths.record(death("a", 1, "code 1"));
        deaths.record(death("a", 0, "signal 9"));

        assertEquals(Optional.of(death("a", 0, "signal 9")), deaths.of("a", 0));

        deaths.record(death("b", 0, "code 1"));

        assertTrue(deaths.of("a", 1).isEmpty());
        assertEquals(Optional.of(death("a", 0, "signal 9")), deaths.of("a", 0));
        assertEquals(Optional.of(death("b", 0, "code 1")), deaths.of("b", 0));
    }
}
