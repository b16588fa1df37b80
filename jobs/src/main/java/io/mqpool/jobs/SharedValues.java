package io.mqpool.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * How the values of shared maps and lists become JSON text and back, the same on the task's
 * side and the caller's: Jackson, with the settings tasks' arguments use.
 */
public final class SharedValues {

    private static final ObjectMapper MAPPER = new TaskJson().mapper();

    private SharedValues() {
    }

    /**
     * The JSON text of {@code value}, to share under {@code name}.
     *
     * @throws IllegalArgumentException when it does not encode, or is too big
     */
    public static String encode(String name, Object value) {
        String json;
        try {
            json = MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a " + (value == null ? "null" : value.getClass().getName())
                    + " cannot be shared in '" + name + "' as JSON: " + e.getOriginalMessage());
        }
        return SharedNames.checkJson(name, json);
    }

    /**
     * {@code json} bound to {@code type}.
     *
     * @throws SharedStateException when it does not bind
     */
    public static <T> T decode(String name, String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SharedStateException("a value in '" + name + "' does not read as a " + type.getName() + ": "
                    + e.getOriginalMessage());
        }
    }

    /** A JSON object's entries as plain Java values, in its order. */
    public static Map<String, Object> decodeObject(String name, String json) {
        return decode(name, json, new TypeReference<>() { });
    }

    /** A JSON array's items as plain Java values. */
    public static List<Object> decodeArray(String name, String json) {
        return decode(name, json, new TypeReference<>() { });
    }

    /**
     * Whether {@code json} is one well-formed JSON value.
     *
     * @throws IllegalArgumentException when it is not, naming {@code name}
     */
    public static String checkWellFormed(String name, String json) {
        try {
            MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the value for '" + name + "' is not JSON: " + e.getOriginalMessage());
        }
        return SharedNames.checkJson(name, json);
    }

    /** A JSON string holding {@code text}. */
    public static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string did not encode as JSON", e);
        }
    }

    private static <T> T decode(String name, String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SharedStateException("'" + name + "' does not read as JSON: " + e.getOriginalMessage());
        }
    }
}
