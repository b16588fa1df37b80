package io.mqpool.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mqpool.testing.MovableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgressLineTest {

    static JobView job(String state, Long total, long done, long failed, double rate, long elapsedMs) {
        return new JobView("j1", "compute_cube", "map", state, total, done, failed, 0, 0L, 1, null, "5m", 2,
                "2024-01-01T00:00:00Z", null, elapsedMs, rate, "normal");
    }

    @Test
    void aRunningJobShowsBarCountsPercentRateAndEta() {
        assertEquals("[##########----------]  10/20  50%  4.00/s  ETA 2.5s",
                ProgressLine.render(job("RUNNING", 20L, 10, 0, 4.0, 2500)));
    }

    @Test
    void failuresAreCountedAtTheEnd() {
        assertEquals("[###-----------------]  3/20  15%  12.5/s  ETA 1.4s  2 failed",
                ProgressLine.render(job("RUNNING", 20L, 3, 2, 12.5, 240)));
    }

    @Test
    void anEndedJobShowsItsStateAndTimeInsteadOfTheEta() {
        assertEquals("[####################]  20/20  100%  250/s  COMPLETED in 0.1s",
                ProgressLine.render(job("COMPLETED", 20L, 20, 0, 250, 80)));
        assertEquals("[#########-----------]  9/20  45%  0.90/s  TIMED_OUT in 10s  1 failed",
                ProgressLine.render(job("TIMED_OUT", 20L, 9, 1, 0.9, 10_000)));
    }

    @Test
    void anUnknownTotalShowsNoBarPercentOrEta() {
        assertEquals("[--------------------]  7/?  ?%  3.50/s  ETA ?",
                ProgressLine.render(job("RUNNING", null, 7, 0, 3.5, 2000)));
    }

    @Test
    void withoutTheServersRateItIsFinishedTasksOverElapsedTime() {
        JobView noRate = new JobView("j1", "t", "map", "RUNNING", 10L, 4, 0, 0, 6L, 1, null, null, 2,
                null, null, 2000L, null, "normal");
        assertEquals(2.0, noRate.rate());
    }

    @ParameterizedTest(name = "{0} left at {1}/s is ETA {2}")
    @CsvSource({"0, 0, 0.0s", "5, 0, ?", "10, 4, 2.5s", "100, 2, 50s", "650, 2, 5m25s", "36000, 4, 2h30m",
        "1000000, 1, 11d13h"})
    void theEtaIsWhatIsLeftOverTheRate(long remaining, double rate, String eta) {
        assertEquals(eta, ProgressLine.eta(remaining, rate));
    }

    @ParameterizedTest(name = "{0}/{1} is {2}%")
    @CsvSource({"0, 20, 0", "19, 20, 95", "1, 3, 33", "199, 200, 99", "20, 20, 100", "0, 0, 100"})
    void thePercentIsRoundedDownSoThat100MeansAllFinished(long finished, long total, long percent) {
        assertEquals(percent, ProgressLine.percent(finished, total));
    }

    @ParameterizedTest(name = "{0}/s is shown as {1}")
    @CsvSource({"0, 0.00/s", "0.5, 0.50/s", "9.876, 9.88/s", "12.34, 12.3/s", "1234.5, 1235/s"})
    void theRateKeepsAboutThreeDigits(double rate, String shown) {
        assertEquals(shown, ProgressLine.rate(rate));
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndErasedForOtherOutput() {
        StringWriter text = new StringWriter();
        ProgressReporter bar = new ProgressReporter(new PrintWriter(text), ProgressMode.BAR,
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), ProgressReporter.LINE_INTERVAL);
        bar.show(job("RUNNING", 20L, 10, 0, 4.0, 2500));
        bar.show(job("RUNNING", 20L, 12, 0, 4.0, 3000));
        bar.clear();
        bar.finish(job("COMPLETED", 20L, 20, 0, 4.0, 5000));
        String line1 = "[##########----------]  10/20  50%  4.00/s  ETA 2.5s";
        String line2 = "[############--------]  12/20  60%  4.00/s  ETA 2.0s";
        String end = "[####################]  20/20  100%  4.00/s  COMPLETED in 5.0s";
        assertEquals("\r" + line1 + "\r" + line2 + "\r" + " ".repeat(line2.length()) + "\r" + "\r" + end
                + System.lineSeparator(), text.toString());
    }

    @Test
    void offATerminalAPlainLineIsPrintedEveryIntervalAndTheLastOneOnce() {
        StringWriter text = new StringWriter();
        MovableClock clock = new MovableClock(Instant.EPOCH);
        ProgressReporter lines = new ProgressReporter(new PrintWriter(text), ProgressMode.LINES, clock,
                Duration.ofSeconds(2));
        lines.show(job("RUNNING", 20L, 1, 0, 1.0, 1000));
        clock.advance(Duration.ofMillis(1500));
        lines.show(job("RUNNING", 20L, 2, 0, 1.0, 2500));
        clock.advance(Duration.ofMillis(600));
        lines.show(job("RUNNING", 20L, 4, 0, 1.0, 3100));
        lines.finish(job("COMPLETED", 20L, 20, 0, 4.0, 5000));
        lines.finish(job("COMPLETED", 20L, 20, 0, 4.0, 5000));
        assertEquals(String.join(System.lineSeparator(),
                "job j1 [#-------------------]  1/20  5%  1.00/s  ETA 19s",
                "job j1 [####----------------]  4/20  20%  1.00/s  ETA 16s",
                "job j1 [####################]  20/20  100%  4.00/s  COMPLETED in 5.0s", ""), text.toString());
    }

    @Test
    void autoIsABarOnATerminalAndLinesOtherwise() {
        assertEquals(ProgressMode.BAR, ProgressMode.AUTO.resolve(true));
        assertEquals(ProgressMode.LINES, ProgressMode.AUTO.resolve(false));
        assertEquals(ProgressMode.NONE, ProgressMode.of("None").resolve(true));
        assertEquals("--progress must be auto, bar, lines or none, got 'fancy'",
                assertThrows(CliException.class,
                        () -> ProgressMode.of("fancy")).getMessage());
    }
}
