package io.mqpool.jobs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.lang.reflect.RecordComponent;

/**
 * The JSON form of task arguments and results, with one strictly configured
 * {@link ObjectMapper}: no floats into integers, no strings into numbers or booleans, no
 * numbers into strings, unknown fields and nulls for primitives rejected. Thread-safe.
 */
public final class TaskJson {

    /**
     * The largest argument or result of one task, in characters of JSON. Bigger values belong
     * in files or a store that the task reads, not in the broker's journal.
     */
    public static final int MAX_VALUE_CHARS = 16 * 1024 * 1024;

    private static final int MAX_SHOWN_JSON = 120;

    private final ObjectMapper mapper;

    public TaskJson() {
        this.mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /** The mapper inside, for callers that must read or write JSON text. Do not reconfigure it. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Binds one JSON argument to the task's {@code A}. A JSON array for a record {@code A}
     * binds positionally to its components (starmap); anything else goes through Jackson, so a
     * JSON object binds a record by component name. Java null stands for JSON null.
     * Does not block.
     *
     * @throws ArgumentBindingException if the argument does not fit, with a one-line message
     */
    public Object bindArgument(RegisteredTask task, JsonNode arg) {
        JsonNode given = arg == null ? NullNode.getInstance() : arg;
        boolean tuple = task.takesRecord() && given.isArray();
        JsonNode input = tuple ? byComponentName(task, (ArrayNode) given) : given;
        Object scalar = ScalarJson.bind(input, task.argumentType().getRawClass());
        if (scalar != ScalarJson.NOT_SCALAR) {
            return scalar;
        }
        try {
            return mapper.treeToValue(input, task.argumentType());
        } catch (JacksonException | IllegalArgumentException e) {
            throw new ArgumentBindingException((tuple ? "tuple " : "argument ") + show(given)
                    + " does not fit " + task.invocation() + ": "
                    + BindingProblem.explain(e, input), e);
        }
    }

    private ObjectNode byComponentName(RegisteredTask task, ArrayNode tuple) {
        RecordComponent[] components = task.argumentType().getRawClass().getRecordComponents();
        if (tuple.size() != components.length) {
            throw new ArgumentBindingException("tuple " + show(tuple) + " does not fit "
                    + task.invocation() + ": expected " + components.length + " value"
                    + (components.length == 1 ? "" : "s") + ", got " + tuple.size());
        }
        ObjectNode named = mapper.createObjectNode();
        for (int i = 0; i < components.length; i++) {
            named.set(components[i].getName(), tuple.get(i));
        }
        return named;
    }

    /**
     * Turns any Java value into JSON text, as it will cross the wire. Does not block.
     *
     * @throws JsonProcessingException if Jackson cannot serialise the value
     */
    public String toJsonText(Object value) throws JsonProcessingException {
        String scalar = ScalarJson.text(value);
        return scalar != null ? scalar : mapper.writeValueAsString(value);
    }

    /**
     * Turns any Java value into a JSON tree, as it will cross the wire. Does not block.
     *
     * @throws IllegalArgumentException if Jackson cannot serialise the value
     */
    public JsonNode toJson(Object value) {
        JsonNode scalar = ScalarJson.tree(value);
        if (scalar != null) {
            return scalar;
        }
        try {
            return mapper.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot turn a " + value.getClass().getName()
                    + " into JSON: " + BindingProblem.firstLine(e.getMessage()), e);
        }
    }

    /**
     * Reads a result that crossed the wire back into the task's {@code R}. Does not block.
     *
     * @throws IllegalArgumentException if the JSON does not fit {@code R}, with a one-line message
     */
    public Object readResult(RegisteredTask task, JsonNode result) {
        JsonNode given = result == null ? NullNode.getInstance() : result;
        Object scalar = ScalarJson.bind(given, task.resultType().getRawClass());
        if (scalar != ScalarJson.NOT_SCALAR) {
            return scalar;
        }
        try {
            return mapper.treeToValue(given, task.resultType());
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IllegalArgumentException("result " + show(given) + " does not fit "
                    + task.signature() + ": " + BindingProblem.explain(e, given), e);
        }
    }

    String show(JsonNode node) {
        String text;
        try {
            text = mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            text = node.toString();
        }
        return text.length() <= MAX_SHOWN_JSON ? text : text.substring(0, MAX_SHOWN_JSON) + "...";
    }
}
