package io.mqpool.server.web;

/**
 * The one refusal of a submitted form, and the field it concerns ({@code form} for none).
 *
 * @param field null when there is no error
 */
record FieldErrors(String field, String message) {

    /** The error next to {@code name}, {@code <p id="error-NAME" class="field-error">}, or nothing. */
    Html slot(String name) {
        if (field == null || !field.equals(name)) {
            return Html.EMPTY;
        }
        return Html.of("<p id=\"error-{}\" class=\"field-error\" role=\"alert\">{}</p>", name, message);
    }
}
