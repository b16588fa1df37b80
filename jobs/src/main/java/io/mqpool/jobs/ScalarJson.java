package io.mqpool.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The common scalars (whole numbers, strings, booleans) without a trip through Jackson's
 * databind, which costs microseconds per value and dominated the time of tiny tasks. Only
 * exact matches take this path; everything else, including every case Jackson would reject or
 * coerce, is left to Jackson so the binding rules stay the same.
 */
final class ScalarJson {

    /** Returned by {@link #bind} when the value is not a scalar this class handles. */
    static final Object NOT_SCALAR = new Object();

    private ScalarJson() {
    }

    /** {@code node} as a {@code type}, or {@link #NOT_SCALAR}. */
    static Object bind(JsonNode node, Class<?> type) {
        if (type == Long.class && node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (type == Integer.class && node.isInt()) {
            return node.intValue();
        }
        if (type == String.class && node.isTextual()) {
            return node.textValue();
        }
        if (type == Boolean.class && node.isBoolean()) {
            return node.booleanValue();
        }
        return NOT_SCALAR;
    }

    /** {@code value} as a JSON tree, or null when it is not a scalar this class handles. */
    static JsonNode tree(Object value) {
        if (value instanceof Long n) {
            return LongNode.valueOf(n);
        }
        if (value instanceof Integer n) {
            return IntNode.valueOf(n);
        }
        if (value instanceof String s) {
            return TextNode.valueOf(s);
        }
        if (value instanceof Boolean b) {
            return BooleanNode.valueOf(b);
        }
        return null;
    }

    /** {@code value} as JSON text, or null when it is not a whole number. */
    static String text(Object value) {
        return value instanceof Long || value instanceof Integer ? value.toString() : null;
    }
}
