package io.mqpool.outcome;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON object of one {@link TaskOutcome.Failure}: {@code {"type", "message", "frames":
 * [{"class", "method", "file", "line"}], "cause": {...}, "exit", "stack"}}, where only type and
 * message are always there. {@code "stack"} is the printed stack trace that failures carried
 * before frames were kept one by one; it is read so that such outcomes still show it.
 */
final class FailureJson {

    private FailureJson() {
    }

    static void write(JsonGenerator out, TaskOutcome.Failure failure) throws IOException {
        out.writeStartObject();
        out.writeStringField("type", failure.type());
        out.writeStringField("message", failure.message());
        if (!failure.frames().isEmpty()) {
            out.writeArrayFieldStart("frames");
            for (StackFrame frame : failure.frames()) {
                writeFrame(out, frame);
            }
            out.writeEndArray();
        }
        if (failure.cause() != null) {
            out.writeFieldName("cause");
            write(out, failure.cause());
        }
        if (failure.exit() != null) {
            out.writeStringField("exit", failure.exit());
        }
        if (failure.printedStack() != null) {
            out.writeStringField("stack", failure.printedStack());
        }
        out.writeEndObject();
    }

    private static void writeFrame(JsonGenerator out, StackFrame frame) throws IOException {
        out.writeStartObject();
        out.writeStringField("class", frame.className());
        out.writeStringField("method", frame.method());
        if (frame.file() != null) {
            out.writeStringField("file", frame.file());
        }
        if (frame.line() != -1) {
            out.writeNumberField("line", frame.line());
        }
        out.writeEndObject();
    }

    /**
     * Reads the failure whose object starts at the parser's current token and leaves the parser on
     * its end. Lenient as readers always were: a missing type reads as {@code unknown}, a missing
     * message as empty, fields it does not know are skipped.
     */
    static TaskOutcome.Failure read(JsonParser in) throws IOException {
        expect(in, JsonToken.START_OBJECT, "an error object");
        String type = "unknown";
        String message = "";
        List<StackFrame> frames = List.of();
        TaskOutcome.Failure cause = null;
        String exit = null;
        String stack = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = in.nextToken();
            switch (field) {
                case "type" -> type = in.getValueAsString(type);
                case "message" -> message = in.getValueAsString(message);
                case "frames" -> frames = readFrames(in);
                case "cause" -> cause = value == JsonToken.VALUE_NULL ? null : read(in);
                case "exit" -> exit = in.getValueAsString();
                case "stack" -> stack = in.getValueAsString();
                default -> in.skipChildren();
            }
        }
        return new TaskOutcome.Failure(type, message, frames, cause, exit, stack);
    }

    private static List<StackFrame> readFrames(JsonParser in) throws IOException {
        expect(in, JsonToken.START_ARRAY, "an array of frames");
        List<StackFrame> frames = new ArrayList<>();
        while (in.nextToken() == JsonToken.START_OBJECT) {
            String className = "";
            String method = "";
            String file = null;
            int line = -1;
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                in.nextToken();
                switch (field) {
                    case "class" -> className = in.getValueAsString(className);
                    case "method" -> method = in.getValueAsString(method);
                    case "file" -> file = in.getValueAsString();
                    case "line" -> line = in.getValueAsInt(-1);
                    default -> in.skipChildren();
                }
            }
            frames.add(new StackFrame(className, method, file, line));
        }
        expect(in, JsonToken.END_ARRAY, "the end of the frames");
        return frames;
    }

    static void expect(JsonParser in, JsonToken token, String what) throws MalformedOutcomesException {
        if (in.currentToken() != token) {
            throw new MalformedOutcomesException("have " + in.currentToken() + " where " + what + " belongs, at "
                    + in.currentTokenLocation().offsetDescription());
        }
    }
}
