package io.mqpool.server.web;

import io.mqpool.jobs.RegisteredTask;

/** A registered task as {@code GET /api/tasks} shows it. */
record TaskView(String name, String signature, String argumentType, String resultType) {

    static TaskView of(RegisteredTask task) {
        return new TaskView(task.name(), task.signature(), readable(task.argumentType().toCanonical()),
                readable(task.resultType().toCanonical()));
    }

    /** {@code java.util.List<java.lang.Integer>} reads as {@code List<Integer>}. */
    private static String readable(String canonical) {
        return canonical.replace("java.lang.", "").replace("java.util.", "");
    }
}
