package io.mqpool.server.web;

import java.util.AbstractList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments {@code A..B}, the integers from A to B inclusive, as JSON texts made on demand
 * so that a range of millions costs no memory until it is chunked.
 */
final class RangeArguments extends AbstractList<String> {

    private static final Pattern RANGE = Pattern.compile("\\s*(-?\\d{1,18})\\s*\\.\\.\\s*(-?\\d{1,18})\\s*");

    private final long first;
    private final int size;

    private RangeArguments(long first, int size) {
        this.first = first;
        this.size = size;
    }

    /**
     * Parses {@code "A..B"}. Does not block.
     *
     * @throws ApiException 400 if it is not such a range, B is below A, or it holds more than
     *     {@code maxTasks} integers
     */
    static RangeArguments parse(String text, int maxTasks) {
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw ApiException.badField("range",
                    "range '" + text + "' is not A..B with integers A <= B, such as 1..16");
        }
        long from = Long.parseLong(m.group(1));
        long to = Long.parseLong(m.group(2));
        if (to < from) {
            throw ApiException.badField("range", "range '" + text + "' runs backwards; write it ascending, such as "
                    + to + ".." + from);
        }
        if (to - from >= maxTasks) {
            throw ApiException.badField("range", "range '" + text + "' holds " + (to - from + 1)
                    + " tasks; at most " + maxTasks + " are allowed in one job");
        }
        return new RangeArguments(from, (int) (to - from + 1));
    }

    long first() {
        return first;
    }

    long last() {
        return first + size - 1;
    }

    @Override
    public String get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of a range of " + size);
        }
        return Long.toString(first + index);
    }

    @Override
    public int size() {
        return size;
    }
}
