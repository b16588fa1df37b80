package io.mqpool.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void parsesEveryUnitAndBareSeconds() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofDays(7), Durations.parse("7d"));
        assertEquals(Duration.ofSeconds(45), Durations.parse("45"));
        assertEquals(Duration.ofSeconds(7), Durations.parse(" 7s "));
        assertEquals(Duration.ZERO, Durations.parse("0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5x", "", "-1s", "1.5s", "s", "10 s", "3w"})
    void rejectsAnythingElseWithAOneLineHint(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("'" + text + "' is not a duration; use e.g. 500ms, 30s, 5m", e.getMessage());
    }

    @Test
    void rejectsADurationTooLongToHold() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("999999999999999999h"));
    }

    @Test
    void formatsInTheLargestExactUnitAndReadsBack() {
        assertEquals("2h", Durations.format(Duration.ofHours(2)));
        assertEquals("5m", Durations.format(Duration.ofMinutes(5)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertEquals("-3s", Durations.format(Duration.ofSeconds(-3)));
        for (String text : new String[] {"2h", "5m", "90s", "1500ms", "0s"}) {
            assertEquals(text, Durations.format(Durations.parse(text)));
        }
    }

    @Test
    void forPeopleIsShortAndRoundsToTheUnitThatMatters() {
        assertEquals("4.2s", Durations.forPeople(Duration.ofMillis(4_210)));
        assertEquals("42s", Durations.forPeople(Duration.ofSeconds(42)));
        assertEquals("3m05s", Durations.forPeople(Duration.ofSeconds(185)));
        assertEquals("2h07m", Durations.forPeople(Duration.ofMinutes(127)));
        assertEquals("3d04h", Durations.forPeople(Duration.ofHours(76)));
        assertEquals("0.0s", Durations.forPeople(Duration.ofMillis(-5)));
    }

    @Test
    void inMessageIsExactWithASpaceBeforeTheUnit() {
        assertEquals("30 s", Durations.inMessage(Duration.ofSeconds(30)));
        assertEquals("150 ms", Durations.inMessage(Duration.ofMillis(150)));
        assertEquals("1500 ms", Durations.inMessage(Duration.ofMillis(1500)));
        assertEquals("120 s", Durations.inMessage(Duration.ofMinutes(2)));
        assertEquals("0 s", Durations.inMessage(Duration.ZERO));
    }
}
