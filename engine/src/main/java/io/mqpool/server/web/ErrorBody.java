package io.mqpool.server.web;

/** The body of every error answer: {@code {"error": "..."}}, one line. */
record ErrorBody(String error) {

    ErrorBody {
        error = error == null ? "unknown error" : error.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
