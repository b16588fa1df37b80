package io.mqpool.outcome;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one JSON form of {@link TaskOutcome}s: a chunk's outcomes ({@link EncodedOutcomes}) and a
 * chunk's settled tasks (task index to the failure the worker answers with). A chunk whose every
 * task succeeded is a plain array of values, read back with a streaming parser that copies each
 * value's text and builds no tree; a chunk with a failure has one object per task ({@link
 * OutcomesForm}). Values are never parsed into Java objects here. Stateless and thread-safe.
 */
public final class OutcomeCodec {

    private final JsonFactory factory = new JsonFactory();

    /** The outcomes of a chunk, in index order: plain values when none failed. */
    public EncodedOutcomes encode(List<? extends TaskOutcome> outcomes) {
        int failures = (int) outcomes.stream().filter(TaskOutcome.Failure.class::isInstance).count();
        OutcomesForm form = failures == 0 ? OutcomesForm.VALUES : OutcomesForm.PER_TASK;
        String json = write(out -> {
            out.writeStartArray();
            for (TaskOutcome outcome : outcomes) {
                if (form == OutcomesForm.VALUES) {
                    out.writeRawValue(((TaskOutcome.Value) outcome).json());
                } else {
                    writePerTask(out, outcome);
                }
            }
            out.writeEndArray();
        });
        return new EncodedOutcomes(json, failures, form);
    }

    /**
     * The outcomes of a chunk of {@code size} tasks, in index order. Does not block.
     *
     * @throws MalformedOutcomesException if the JSON is not such an array of {@code size} outcomes
     */
    public List<TaskOutcome> decode(EncodedOutcomes encoded, int size) {
        String json = encoded.json();
        List<TaskOutcome> outcomes = new ArrayList<>(size);
        try (JsonParser in = factory.createParser(json)) {
            in.nextToken();
            FailureJson.expect(in, JsonToken.START_ARRAY, "an array of outcomes");
            JsonToken next = in.nextToken();
            while (next != JsonToken.END_ARRAY) {
                if (next == null) {
                    throw new MalformedOutcomesException("end before the array of outcomes is closed");
                }
                if (encoded.form() == OutcomesForm.VALUES) {
                    outcomes.add(new TaskOutcome.Value(RawValue.copy(in, json)));
                    next = in.currentToken();
                } else {
                    outcomes.add(readPerTask(in, json));
                    next = in.nextToken();
                }
            }
            if (in.nextToken() != null) {
                throw new MalformedOutcomesException("go on after the array of outcomes, at "
                        + in.currentTokenLocation().offsetDescription());
            }
        } catch (JacksonException e) {
            throw new MalformedOutcomesException("are not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON from a string", e);
        }
        if (outcomes.size() != size) {
            throw new MalformedOutcomesException("hold " + outcomes.size() + " outcomes for " + size + " tasks");
        }
        if (failures(outcomes) != encoded.failures()) {
            throw new MalformedOutcomesException("hold " + failures(outcomes) + " failures, not the "
                    + encoded.failures() + " recorded with them");
        }
        return outcomes;
    }

    /** Settled tasks as a chunk carries them: {@code {"<task index>": <failure>, ...}}, {@code {}} for none. */
    public String encodeSettled(Map<Long, TaskOutcome.Failure> settled) {
        return write(out -> {
            out.writeStartObject();
            for (Map.Entry<Long, TaskOutcome.Failure> entry : new TreeMap<>(settled).entrySet()) {
                out.writeFieldName(Long.toString(entry.getKey()));
                FailureJson.write(out, entry.getValue());
            }
            out.writeEndObject();
        });
    }

    /**
     * The settled tasks a chunk carries, by task index. Does not block.
     *
     * @throws MalformedOutcomesException if the JSON is not an object of task index to failure
     */
    public SortedMap<Long, TaskOutcome.Failure> decodeSettled(String json) {
        SortedMap<Long, TaskOutcome.Failure> settled = new TreeMap<>();
        try (JsonParser in = factory.createParser(json)) {
            in.nextToken();
            if (in.currentToken() != JsonToken.START_OBJECT) {
                throw new MalformedOutcomesException("must be a JSON object of task index to error");
            }
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                long index = taskIndex(in.currentName());
                if (in.nextToken() != JsonToken.START_OBJECT) {
                    throw new MalformedOutcomesException("must map each task index to an error object, not "
                            + RawValue.copy(in, json));
                }
                settled.put(index, FailureJson.read(in));
            }
        } catch (JacksonException e) {
            throw new MalformedOutcomesException("are not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON from a string", e);
        }
        return settled;
    }

    private static long taskIndex(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw new MalformedOutcomesException("must map task indexes to errors, not '" + key + "'", e);
        }
    }

    private static void writePerTask(JsonGenerator out, TaskOutcome outcome) throws IOException {
        out.writeStartObject();
        if (outcome instanceof TaskOutcome.Failure failure) {
            out.writeFieldName("error");
            FailureJson.write(out, failure);
        } else {
            out.writeFieldName("value");
            out.writeRawValue(((TaskOutcome.Value) outcome).json());
        }
        out.writeEndObject();
    }

    /**
     * One {@code {"value": ...}} or {@code {"error": {...}}} object, the parser on its start; leaves
     * the parser on its end. An object with neither is a null value, as readers always took it.
     */
    private static TaskOutcome readPerTask(JsonParser in, String json) throws IOException {
        FailureJson.expect(in, JsonToken.START_OBJECT, "an outcome object");
        TaskOutcome.Value value = null;
        TaskOutcome.Failure failure = null;
        JsonToken next = in.nextToken();
        while (next == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            if (field.equals("value")) {
                value = new TaskOutcome.Value(RawValue.copy(in, json));
                next = in.currentToken();
            } else {
                if (field.equals("error")) {
                    failure = FailureJson.read(in);
                } else {
                    in.skipChildren();
                }
                next = in.nextToken();
            }
        }
        FailureJson.expect(in, JsonToken.END_OBJECT, "the end of an outcome object");
        if (failure != null) {
            return failure;
        }
        return value != null ? value : new TaskOutcome.Value("null");
    }

    private static long failures(List<TaskOutcome> outcomes) {
        return outcomes.stream().filter(TaskOutcome.Failure.class::isInstance).count();
    }

    private String write(JsonWriting writing) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = factory.createGenerator(text)) {
            writing.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to a string", e);
        }
        return text.toString();
    }

    @FunctionalInterface
    private interface JsonWriting {
        void writeTo(JsonGenerator out) throws IOException;
    }
}
