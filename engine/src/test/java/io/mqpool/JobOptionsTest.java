package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mqpool.jobs.JobPriority;
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
    void aRetentionIsKeptThroughOtherOptionsAndTakenFromTheFallbackWhenUnset() {
        JobOptions own = JobOptions.defaults().withRetention(Duration.ofHours(12)).withChunksize(2).withRetries(1);
        assertEquals(Duration.ofHours(12), own.retention());
        assertEquals(Duration.ZERO, JobOptions.defaults().orElse(JobOptions.defaults().withRetention(Duration.ZERO))
                .retention());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobOptions.defaults().withRetention(Duration.ofSeconds(-1)));
        assertEquals("retention must not be negative (0 keeps the job forever), got PT-1S", e.getMessage());
    }

    @Test
    void aPriorityIsKeptThroughEveryOtherOptionAndTakenFromTheFallbackWhenUnset() {
        JobOptions own = JobOptions.defaults().withPriority(JobPriority.HIGH).withChunksize(2).withRetries(1)
                .withTaskTimeout(Duration.ofSeconds(1)).withJobTimeout(Duration.ofSeconds(2)).withMaxInFlight(3)
                .withRetryTimeouts(true).withRetention(Duration.ofHours(1));
        assertEquals(JobPriority.HIGH, own.priority());
        assertEquals(JobPriority.LOW, JobOptions.defaults().orElse(JobOptions.defaults().withPriority(JobPriority.LOW))
                .priority());
        assertNull(JobOptions.defaults().priority());
    }

    @Test
    void aPriorityIsParsedInAnyCaseAndAnUnknownOneNamesTheKnownOnes() {
        assertEquals(JobPriority.HIGH, JobPriority.parse("High"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobPriority.parse("urgent"));
        assertEquals("priority must be one of low, normal, high, got 'urgent'", e.getMessage());
    }

    @Test
    void aZeroTimeoutIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JobOptions.defaults().withTaskTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> JobOptions.defaults().withChunksize(0));
    }
}
