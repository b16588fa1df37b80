package io.mqpool.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Text put into a link's query string. */
final class QueryText {

    private QueryText() {
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
