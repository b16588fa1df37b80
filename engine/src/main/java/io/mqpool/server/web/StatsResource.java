package io.mqpool.server.web;

import io.javalin.http.Context;
import io.mqpool.engine.Engine;
import io.mqpool.engine.store.JobRow;
import io.mqpool.engine.store.TaskDurations;
import io.mqpool.engine.store.TimeBucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/jobs/{id}/stats} and {@code GET /api/stats/throughput}: tasks finished over
 * time and how long tasks took, from the start and finish times workers report per chunk.
 * Every handler blocks on the store.
 */
final class StatsResource {

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final int MAX_MINUTES = 24 * 60;

    private final Engine engine;
    private final JsonCodec json;
    private final JobViews views;
    private final Clock clock;

    StatsResource(Engine engine, JsonCodec json, JobViews views, Clock clock) {
        this.engine = engine;
        this.json = json;
        this.views = views;
        this.clock = clock;
    }

    /** {@code GET /api/jobs/{id}/stats}. */
    void job(Context ctx) {
        JobRow job = views.require(ctx.pathParam("id"));
        Optional<long[]> span = engine.jobs().finishSpan(job.id());
        List<Bucket> throughput = List.of();
        if (span.isPresent()) {
            long bucket = bucketFor(span.get()[1] - span.get()[0]);
            long first = floor(span.get()[0], bucket);
            throughput = filled(engine.jobs().finishedPerBucket(job.id(), first, bucket), first,
                    floor(span.get()[1], bucket), bucket);
        }
        TaskDurations durations = engine.jobs().taskDurations(job.id());
        json.write(ctx, 200,
                new JobStats(throughput, new JobStats.Durations(durations.boundsMs(), durations.counts())));
    }

    /** {@code GET /api/stats/throughput?minutes=60}: every minute of the last N, the current one last. */
    void throughput(Context ctx) {
        int minutes = Params.intParam(ctx, "minutes", 60, 1, MAX_MINUTES);
        long last = floor(clock.millis(), MINUTE);
        long first = last - (minutes - 1) * MINUTE;
        json.write(ctx, 200, new Throughput(filled(engine.jobs().finishedPerBucket(null, first, MINUTE), first,
                last, MINUTE)));
    }

    /** Seconds for a job that took up to 10 minutes, minutes up to a day, hours beyond. */
    static long bucketFor(long spanMillis) {
        if (spanMillis <= Duration.ofMinutes(10).toMillis()) {
            return SECOND;
        }
        return spanMillis <= Duration.ofDays(1).toMillis() ? MINUTE : HOUR;
    }

    /** One bucket for every interval from {@code first} to {@code last}, zero where none finished. */
    static List<Bucket> filled(List<TimeBucket> found, long first, long last, long bucket) {
        List<Bucket> all = new ArrayList<>();
        int next = 0;
        for (long t = first; t <= last; t += bucket) {
            long done = 0;
            while (next < found.size() && found.get(next).startMillis() <= t) {
                if (found.get(next).startMillis() == t) {
                    done += found.get(next).tasks();
                }
                next++;
            }
            all.add(new Bucket(Instant.ofEpochMilli(t).toString(), done));
        }
        return all;
    }

    private static long floor(long millis, long bucket) {
        return Math.floorDiv(millis, bucket) * bucket;
    }

    /** Tasks finished in the interval starting at {@code t} (ISO-8601, UTC). */
    record Bucket(String t, long done) {
    }

    /** {@code GET /api/stats/throughput}. */
    record Throughput(List<Bucket> perMinute) {
    }
}
