package io.mqpool.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which jobs' tasks workers take first when several jobs are running. A higher job's chunks go
 * ahead of every lower job's; between jobs of the same priority the workers are shared, the job
 * with fewer chunks in flight first, so a one-task job does not wait behind another's backlog.
 * A running job keeps its priority; its tasks already on a worker are not interrupted.
 */
public enum JobPriority {
    LOW, NORMAL, HIGH;

    /**
     * The priority named {@code text}, in any case ({@code high}, {@code HIGH}).
     *
     * @throws IllegalArgumentException saying which names there are
     */
    public static JobPriority parse(String text) {
        for (JobPriority priority : values()) {
            if (priority.name().equalsIgnoreCase(text.strip())) {
                return priority;
            }
        }
        throw new IllegalArgumentException("priority must be one of " + names() + ", got '" + text + "'");
    }

    /** {@code low, normal, high}: the names as users write them. */
    public static String names() {
        return Arrays.stream(values()).map(JobPriority::label).collect(Collectors.joining(", "));
    }

    /** The name in lower case, as the CLI, the HTTP API and the web form write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
