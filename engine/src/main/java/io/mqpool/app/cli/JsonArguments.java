package io.mqpool.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mqpool.config.OneLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns what a user typed into a job's JSON arguments. On the command line a word is JSON when
 * it parses as JSON ({@code 3}, {@code [2, 5]}, {@code "x"}, {@code true}), and otherwise a
 * string ({@code hello}), except that a word opening like JSON ({@code [ { "}) must be valid
 * JSON. In an input file every non-blank line must be JSON, and a bad one is reported as
 * {@code FILE:LINE: not JSON: <reason>}. With {@code star}, every argument must be a JSON list.
 */
final class JsonArguments {

    private final ObjectMapper json;

    JsonArguments(ObjectMapper json) {
        this.json = json;
    }

    /** The words' JSON values, in order. */
    ArrayNode words(List<String> words, boolean star) {
        ArrayNode args = json.createArrayNode();
        for (String word : words) {
            JsonNode value = word(word);
            if (star && !value.isArray()) {
                throw CliException.badInput("--star needs each argument to be a JSON list such as "
                        + "[2,5], got '" + word + "'");
            }
            args.add(value);
        }
        return args;
    }

    /** One word as JSON, or as a string when it is not JSON and does not look like it. */
    JsonNode word(String word) {
        try {
            JsonNode value = json.readTree(word);
            // readTree answers a "missing" node for blank text: an empty word is the empty string.
            return value == null || value.isMissingNode() ? TextNode.valueOf(word) : value;
        } catch (JsonProcessingException e) {
            String start = word.stripLeading();
            if (start.startsWith("[") || start.startsWith("{") || start.startsWith("\"")) {
                throw CliException.badInput("argument '" + word + "' is not JSON: " + reason(e));
            }
            return TextNode.valueOf(word);
        }
    }

    /** One argument per non-blank line of {@code file}. Blocks while reading it. */
    ArrayNode file(Path file, boolean star) {
        ArrayNode args = json.createArrayNode();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    args.add(line(file, number, line, star));
                }
            }
        } catch (IOException e) {
            throw CliException.badInput("cannot read " + file + ": " + ioReason(file, e));
        }
        return args;
    }

    private JsonNode line(Path file, int number, String line, boolean star) {
        JsonNode value;
        try {
            value = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw CliException.badInput(file + ":" + number + ": not JSON: " + reason(e));
        }
        if (star && !value.isArray()) {
            throw CliException.badInput(file + ":" + number + ": --star needs a JSON list such as [2,5], got "
                    + line.strip());
        }
        return value;
    }

    /** Jackson's message without its source excerpts, which repeat the input over lines. */
    static String reason(JsonProcessingException e) {
        String message = OneLine.of(e.getOriginalMessage());
        for (String excerpt : new String[] {" (start marker", " at [Source"}) {
            int at = message.indexOf(excerpt);
            message = at < 0 ? message : message.substring(0, at);
        }
        return message;
    }

    private static String ioReason(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (Files.isDirectory(file)) {
            return "is a directory";
        }
        return OneLine.reasonOf(e);
    }
}
