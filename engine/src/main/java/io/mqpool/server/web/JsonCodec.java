package io.mqpool.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads request bodies strictly (unknown fields, strings for numbers and trailing garbage are
 * refused with a one-line 400) and writes response views. Thread-safe.
 */
final class JsonCodec {

    private static final String JSON = "application/json";

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    JsonCodec() {
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The request body as {@code type}.
     *
     * @throws ApiException 415 if the body is not declared JSON, 400 if it is not JSON or does
     *     not fit {@code type}
     */
    <T> T read(Context ctx, Class<T> type) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).strip().startsWith(JSON)) {
            throw new ApiException(415, "the body must be JSON, sent with Content-Type: application/json, not "
                    + (contentType == null ? "no content type" : "'" + contentType + "'"));
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw ApiException.badRequest("the body is empty; send a JSON object");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("the body is JSON null; send a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field '" + e.getPropertyName() + "'; known fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            throw ApiException.badRequest(describe(e));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the body: " + e.getMessage());
        }
    }

    /** Answers with {@code view} as JSON and the given status. */
    void write(Context ctx, int status, Object view) {
        try {
            ctx.status(status).contentType(JSON).result(mapper.writeValueAsBytes(view));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + view.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String describe(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        String prefix = field.isEmpty() ? "the body: " : "field '" + field + "': ";
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return prefix + "expected " + expected(mismatch.getTargetType());
        }
        String message = e.getOriginalMessage();
        return prefix + message.lines().findFirst().orElse(message);
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isRecord()) {
            return "a JSON object";
        }
        return "a JSON value of another type";
    }
}
