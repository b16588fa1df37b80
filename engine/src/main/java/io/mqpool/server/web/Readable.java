package io.mqpool.server.web;

import io.mqpool.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers and times as the pages show them to people (the JSON API keeps them exact). */
final class Readable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Readable() {
    }

    /** In the CLI's format: {@code 4.2s}, {@code 42s}, {@code 3m05s}, {@code 2h07m}. */
    static String duration(long millis) {
        return Durations.forPeople(Duration.ofMillis(millis));
    }

    static String time(String iso) {
        return iso == null ? "" : TIME.format(Instant.parse(iso));
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 100 ? "%.0f/s" : "%.1f/s", perSecond);
    }

    /** The time left at the job's rate so far; empty when finished or nothing is done yet. */
    static String eta(JobView job) {
        if (!"RUNNING".equals(job.state()) || job.total() == null || job.ratePerSecond() <= 0) {
            return "";
        }
        return duration(Math.round((job.total() - job.done()) / job.ratePerSecond() * 1000));
    }

    /** {@code done / total, failed failed}, such as {@code 12 / 100, 1 failed}. */
    static String counts(JobView job) {
        return job.done() + " / " + (job.total() == null ? "?" : job.total()) + ", " + job.failed() + " failed";
    }
}
