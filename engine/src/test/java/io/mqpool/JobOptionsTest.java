package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

    @Test
    void unsetValuesComeFromTheFallback() {
        JobOptions fallback = JobOptions.defaults().withRetries(5).withMaxInFlight(7).withChunksize(3);
        JobOptions own = JobOptions.defaults().withChunksize(10).orElse(fallback);
        assertEquals(10, own.chunksize());
        assertEquals(5, own.retries());
        assertEquals(7, own.maxInFlight());
        assertNull(own.taskTimeout());
    }

    @Test
    void maxInFlightBelowOneIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobOptions.defaults().withMaxInFlight(0));
        assertEquals("maxInFlight must be at least 1, got 0", e.getMessage());
    }

    @Test
    void aZeroTimeoutIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JobOptions.defaults().withTaskTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> JobOptions.defaults().withChunksize(0));
    }
}
