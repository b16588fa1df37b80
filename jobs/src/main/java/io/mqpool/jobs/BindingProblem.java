package io.mqpool.jobs;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns Jackson's binding failures, which are multi-line and name parser locations, into the
 * one-line reason users read: {@code expected an integer for exponent, got "x"}.
 */
final class BindingProblem {

    private static final String MISSING_CREATOR_PROPERTY = "Missing required creator property '";

    private BindingProblem() {
    }

    static String explain(Exception failure, JsonNode input) {
        if (failure instanceof UnrecognizedPropertyException) {
            UnrecognizedPropertyException e = (UnrecognizedPropertyException) failure;
            return "unknown field '" + e.getPropertyName() + "'" + where(parentPath(e));
        }
        if (failure instanceof ValueInstantiationException) {
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            return cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage());
        }
        if (failure instanceof MismatchedInputException) {
            MismatchedInputException e = (MismatchedInputException) failure;
            String original = firstLine(e.getOriginalMessage());
            if (original.startsWith(MISSING_CREATOR_PROPERTY)) {
                String field = original.substring(MISSING_CREATOR_PROPERTY.length());
                return "missing field '" + field.substring(0, Math.max(0, field.indexOf('\''))) + "'"
                        + where(parentPath(e));
            }
            if (e.getTargetType() != null) {
                return expected(describe(e.getTargetType()), e.getPath(), input);
            }
        }
        // An out-of-range number is a parser error; inside a record it arrives wrapped, with the path.
        Throwable overflow = failure instanceof InputCoercionException ? failure : failure.getCause();
        if (overflow instanceof InputCoercionException
                && ((InputCoercionException) overflow).getTargetType() != null) {
            Class<?> target = ((InputCoercionException) overflow).getTargetType();
            List<JsonMappingException.Reference> path = failure instanceof JsonMappingException
                    ? ((JsonMappingException) failure).getPath() : List.of();
            return expected(describe(target) + " within the range of " + target.getSimpleName(), path, input);
        }
        if (failure instanceof JsonMappingException) {
            return firstLine(((JsonMappingException) failure).getOriginalMessage());
        }
        return firstLine(failure.getMessage());
    }

    private static String expected(String wanted, List<JsonMappingException.Reference> references,
                                   JsonNode input) {
        if (references.isEmpty()) {
            return "expected " + wanted;
        }
        String path = path(references);
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference ref : references) {
            pointer = ref.getFieldName() != null ? pointer.appendProperty(ref.getFieldName())
                    : pointer.appendIndex(Math.max(0, ref.getIndex()));
        }
        JsonNode found = input.at(pointer);
        if (found.isMissingNode()) {
            return "missing field '" + path + "'";
        }
        return "expected " + wanted + " for " + path
                + ", got " + found;
    }

    /** What a value of that type looks like in JSON, as a user would say it. */
    static String describe(Class<?> type) {
        if (List.of(int.class, long.class, short.class, byte.class, Integer.class, Long.class,
                Short.class, Byte.class, java.math.BigInteger.class).contains(type)) {
            return "an integer";
        }
        if (List.of(double.class, float.class, Double.class, Float.class, java.math.BigDecimal.class)
                .contains(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type.isRecord()) {
            int n = type.getRecordComponents().length;
            return "an array of " + n + " value" + (n == 1 ? "" : "s") + " or an object with "
                    + Arrays.stream(type.getRecordComponents()).map(c -> c.getName())
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String parentPath(JsonMappingException e) {
        List<JsonMappingException.Reference> references = e.getPath();
        return path(references.subList(0, Math.max(0, references.size() - 1)));
    }

    /** The path of the failing value, such as {@code exponent} or {@code points[2].x}. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : " in " + path;
    }

    /** The first line of a message, without Jackson's trailing source location. */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("");
        int location = line.indexOf(" at [Source:");
        return (location >= 0 ? line.substring(0, location) : line).trim();
    }
}
