package io.mqpool.outcome;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Copies the text of one JSON value out of the string a parser reads, without building it: the
 * text runs from where the value's first token starts to where the token after the value starts,
 * less the whitespace and the comma between them. Offsets are in chars, as the parser reads a
 * {@code String}.
 */
final class RawValue {

    private RawValue() {
    }

    /** The value starting at the current token; leaves the parser on the token after it. */
    static String copy(JsonParser in, String json) throws IOException {
        int start = (int) in.currentTokenLocation().getCharOffset();
        in.skipChildren();
        in.nextToken();
        int end = in.currentToken() == null ? json.length() : (int) in.currentTokenLocation().getCharOffset();
        String between = json.substring(start, end).stripTrailing();
        if (between.endsWith(",")) {
            between = between.substring(0, between.length() - 1).stripTrailing();
        }
        return between;
    }
}
