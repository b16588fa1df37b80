package io.mqpool.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.http.UploadedFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of an uploaded {@code .jsonl} file, one JSON value a line, blank lines skipped,
 * and the line each came from so a refusal can name it.
 */
record UploadedArguments(ArrayNode args, List<Integer> lines) {

    /**
     * Reads the file. Blocks while it reads (the body is at most {@link HttpApi#MAX_BODY_BYTES}).
     *
     * @throws ApiException 400 on field {@code input} naming the first line that is not JSON
     */
    static UploadedArguments read(UploadedFile file, ObjectMapper mapper) {
        ArrayNode args = mapper.createArrayNode();
        List<Integer> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(file.content(), StandardCharsets.UTF_8))) {
            int lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    args.add(mapper.readTree(line));
                } catch (JsonProcessingException e) {
                    throw ApiException.badField("input", "line " + lineNo + " of " + file.filename()
                            + " is not JSON: " + e.getOriginalMessage());
                }
                lines.add(lineNo);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file " + file.filename(), e);
        }
        if (args.isEmpty()) {
            throw ApiException.badField("input", file.filename() + " holds no arguments (one JSON value a line)");
        }
        return new UploadedArguments(args, lines);
    }

    /** The validator's refusal of these arguments, moved to the file field and naming the line. */
    ApiException relocate(ApiException e) {
        if (!"args".equals(e.field())) {
            return e;
        }
        if (e.argumentIndex() >= 0 && e.argumentIndex() < lines.size()) {
            return new ApiException(400, "input", e.argumentIndex(),
                    "line " + lines.get((int) e.argumentIndex()) + ": " + e.getMessage());
        }
        return new ApiException(400, "input", e.argumentIndex(), e.getMessage());
    }
}
