package io.mqpool.server.web;

import io.javalin.http.Context;

/** Query parameters read strictly: a bad one is a 400 naming it and its allowed range. */
final class Params {

    private Params() {
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String given = ctx.queryParam(name);
        if (given == null || given.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(given.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the allowed range.
        }
        throw ApiException.badRequest("query parameter '" + name + "' must be a whole number from " + min
                + " to " + max + ", not '" + given + "'");
    }

    /** A cursor this API handed out earlier (a non-negative number), or null if none was given. */
    static Long cursor(Context ctx, String name) {
        String given = ctx.queryParam(name);
        if (given == null || given.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(given.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw ApiException.badRequest("query parameter '" + name + "' must be a cursor from an earlier "
                + "answer's 'next', not '" + given + "'");
    }
}
