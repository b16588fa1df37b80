package io.mqpool.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqpool.config.OneLine;
import java.io.PrintWriter;

/**
 * Prints outcomes as they arrive, one per line so they pipe into other tools: a string result
 * raw (no quotes), any other result as compact JSON, a failure as
 * {@code task <i> failed: <type>: <message>} on stderr. With {@code jsonLines}, every outcome
 * is printed as the API's JSON object on stdout instead, one per line.
 */
final class ResultPrinter {

    private final PrintWriter out;
    private final PrintWriter err;
    private final ObjectMapper json;
    private final boolean jsonLines;

    ResultPrinter(PrintWriter out, PrintWriter err, ObjectMapper json, boolean jsonLines) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.jsonLines = jsonLines;
    }

    /** Prints one outcome; answers whether it is a failure. */
    boolean print(JsonNode outcome) {
        boolean failed = outcome.hasNonNull("error");
        if (jsonLines) {
            out.println(compact(outcome));
        } else if (failed) {
            JsonNode error = outcome.get("error");
            err.println("task " + outcome.path("index").asText("?") + " failed: "
                    + error.path("type").asText("error") + ": " + OneLine.of(error.path("message").asText("")));
        } else {
            out.println(value(outcome.get("value")));
        }
        return failed;
    }

    void flush() {
        out.flush();
        err.flush();
    }

    /** A result as printed: a string raw, anything else as compact JSON. */
    String value(JsonNode value) {
        if (value == null) {
            return "null";
        }
        return value.isTextual() ? value.asText() : compact(value);
    }

    private String compact(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON the server sent: " + e.getOriginalMessage(), e);
        }
    }
}
