package io.mqpool.server.web;

/**
 * A request the API refuses: the status to answer with, a one-line reason for the caller, and
 * which submitted field it concerns (so the submit page can show it next to that field without
 * parsing the message).
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@link #argumentIndex()} when the refusal is not about one argument. */
    static final long NO_ARGUMENT = -1;

    private final int status;
    private final String field;
    private final long argumentIndex;

    ApiException(int status, String message) {
        this(status, null, NO_ARGUMENT, message);
    }

    ApiException(int status, String field, long argumentIndex, String message) {
        super(message);
        this.status = status;
        this.field = field;
        this.argumentIndex = argumentIndex;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    /** A 400 about one field of a submission, such as {@code args} or {@code chunksize}. */
    static ApiException badField(String field, String message) {
        return new ApiException(400, field, NO_ARGUMENT, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    int status() {
        return status;
    }

    /** The submitted field this concerns, or null if none in particular. */
    String field() {
        return field;
    }

    /** The index of the argument this concerns, or {@link #NO_ARGUMENT}. */
    long argumentIndex() {
        return argumentIndex;
    }
}
