package io.mqpool.app.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --range A..B}: the whole numbers from A to B, both included, sent to the server as the
 * text {@code A..B} so that a long range never travels as a list.
 */
record RangeArgument(long from, long to) {

    private static final Pattern RANGE = Pattern.compile("(-?\\d{1,18})\\.\\.(-?\\d{1,18})");

    RangeArgument {
        if (from > to) {
            throw CliException.badInput("--range must run upwards, A..B with A <= B, got " + from + ".." + to);
        }
    }

    static RangeArgument parse(String text) {
        Matcher m = RANGE.matcher(text.strip());
        if (!m.matches()) {
            throw CliException.badInput("--range must be A..B with whole numbers, such as 1..16, got '"
                    + text + "'");
        }
        return new RangeArgument(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    @Override
    public String toString() {
        return from + ".." + to;
    }
}
