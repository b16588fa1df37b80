package io.mqpool.server.web;

import io.javalin.http.Context;

/** Paths this server hands out (Location headers), under its base path. */
final class Paths {

    private Paths() {
    }

    /** The path of a job's view, such as {@code /mqpool/api/jobs/ab12}. */
    static String job(Context ctx, String jobId) {
        String base = ctx.contextPath();
        return (base.equals("/") ? "" : base) + "/api/jobs/" + jobId;
    }
}
