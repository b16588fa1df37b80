package io.mqpool.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mqpool.engine.store.TimeBucket;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsResourceTest {

    @Test
    void everyIntervalFromFirstToLastHasABucketWithZeroWhereNothingFinished() {
        long minute = 60_000;
        long first = 1_700_000_040_000L;
        List<StatsResource.Bucket> buckets = StatsResource.filled(
                List.of(new TimeBucket(first, 5), new TimeBucket(first + 2 * minute, 7)), first, first + 3 * minute,
                minute);
        assertEquals(List.of(new StatsResource.Bucket("2023-11-14T22:14:00Z", 5),
                new StatsResource.Bucket("2023-11-14T22:15:00Z", 0),
                new StatsResource.Bucket("2023-11-14T22:16:00Z", 7),
                new StatsResource.Bucket("2023-11-14T22:17:00Z", 0)), buckets);
    }

    @Test
    void aShortJobIsBucketedBySecondsALongerOneByMinutesAndADaysLongOneByHours() {
        assertEquals(1_000, StatsResource.bucketFor(0));
        assertEquals(1_000, StatsResource.bucketFor(600_000));
        assertEquals(60_000, StatsResource.bucketFor(600_001));
        assertEquals(3_600_000, StatsResource.bucketFor(86_400_001));
    }
}
