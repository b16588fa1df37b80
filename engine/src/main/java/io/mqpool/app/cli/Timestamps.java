package io.mqpool.app.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The API's times (ISO-8601 instants, or epoch milliseconds) as local time to the second. */
final class Timestamps {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Timestamps() {
    }

    static String display(String apiTime) {
        if (apiTime == null || apiTime.isBlank()) {
            return "-";
        }
        try {
            Instant instant = apiTime.chars().allMatch(Character::isDigit)
                    ? Instant.ofEpochMilli(Long.parseLong(apiTime))
                    : Instant.parse(apiTime);
            return LOCAL.format(instant.atZone(ZoneId.systemDefault()));
        } catch (DateTimeParseException | NumberFormatException e) {
            return apiTime; // a form this client does not know: shown as the server wrote it
        }
    }
}
