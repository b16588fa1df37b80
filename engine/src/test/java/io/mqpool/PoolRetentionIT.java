package io.mqpool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.jobs.builtin.Square;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A job's own retention, given through {@link JobOptions#withRetention}, on a real pool. */
class PoolRetentionIT {

    @Test
    void aJobWithARetentionOfItsOwnIsDeletedOnceItPassesAndTheOthersStay() throws Exception {
        try (Pool pool = Pool.create(1)) {
            AsyncResult<List<Long>> brief = pool.mapAsync(Square.class, List.of(1L, 2L, 3L),
                    JobOptions.defaults().withChunksize(1).withRetention(Duration.ofSeconds(1)));
            AsyncResult<List<Long>> forever = pool.mapAsync(Square.class, List.of(4L),
                    JobOptions.defaults().withRetention(Duration.ZERO));
            AsyncResult<List<Long>> plain = pool.mapAsync(Square.class, List.of(5L));
            assertEquals(List.of(1L, 4L, 9L), brief.get(60, TimeUnit.SECONDS));
            forever.get(60, TimeUnit.SECONDS);
            plain.get(60, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> pool.engine().jobs().job(brief.jobId()).isEmpty());
            assertEquals(0L, pool.engine().jobs().job(forever.jobId()).orElseThrow().retentionMillis());
            assertTrue(pool.engine().jobs().job(plain.jobId()).isPresent(), "kept the setting's 7 days");
        }
    }
}
