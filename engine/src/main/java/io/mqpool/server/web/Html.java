package io.mqpool.server.web;

import java.util.List;

/**
 * A piece of HTML that is safe to send: either markup written here in code, or text that went
 * through {@link #escape}. The pages are built from these by a hand-written renderer rather than
 * a template library: five pages of plain markup do not earn a dependency (and its version drift
 * against Javalin 7), and a renderer whose only way to insert a value is {@link #of} makes escaping
 * impossible to forget: {@code {}} placeholders take {@code Html} as is and escape everything
 * else, so user-supplied text (task names, arguments, error messages, stack traces, what the user
 * typed) is always escaped by the one function below.
 */
record Html(String text) {

    static final Html EMPTY = new Html("");

    /**
     * Markup from a template whose {@code {}} placeholders take {@code args} in order: an
     * {@code Html} is inserted as is, anything else as escaped text ({@code null} as nothing).
     *
     * @throws IllegalArgumentException if the placeholders and arguments do not match in number
     */
    static Html of(String template, Object... args) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int from = 0;
        for (Object arg : args) {
            int at = template.indexOf("{}", from);
            if (at < 0) {
                throw new IllegalArgumentException("more arguments than placeholders in: " + template);
            }
            out.append(template, from, at).append(text(arg));
            from = at + 2;
        }
        if (template.indexOf("{}", from) >= 0) {
            throw new IllegalArgumentException("more placeholders than arguments in: " + template);
        }
        return new Html(out.append(template, from, template.length()).toString());
    }

    /** The pieces one after the other. */
    static Html join(List<Html> parts) {
        StringBuilder out = new StringBuilder();
        parts.forEach(part -> out.append(part.text));
        return new Html(out.toString());
    }

    /** {@code markup} if the condition holds, else nothing. */
    static Html when(boolean condition, Html markup) {
        return condition ? markup : EMPTY;
    }

    /**
     * Escapes text for an HTML element or a quoted attribute value: {@code & < > " '}. The one
     * escaping function of the pages.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String text(Object arg) {
        if (arg == null) {
            return "";
        }
        return arg instanceof Html html ? html.text : escape(arg.toString());
    }

    @Override
    public String toString() {
        return text;
    }
}
