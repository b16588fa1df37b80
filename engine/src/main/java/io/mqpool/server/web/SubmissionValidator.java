package io.mqpool.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.mqpool.config.Durations;
import io.mqpool.engine.JobMode;
import io.mqpool.engine.JobSpec;
import io.mqpool.jobs.JobPriority;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.TaskJson;
import io.mqpool.jobs.TaskRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * Checks everything about a submission before anything is stored: the task, the mode, each
 * argument against the task's type, and the options. Every refusal is an {@link ApiException}
 * 400 with one line saying what is wrong and what would be right.
 */
final class SubmissionValidator {

    /** The largest job one request may create. */
    static final int MAX_TASKS = 10_000_000;
    /** Mirrors the Java API's default ({@code JobOptions}): a task survives two worker deaths. */
    private static final int DEFAULT_RETRIES = 2;
    private static final int MAX_RETRIES = 100;

    private final TaskRegistry registry;
    private final TaskJson json;
    private final IntSupplier workerCount;

    SubmissionValidator(TaskRegistry registry, TaskJson json, IntSupplier workerCount) {
        this.registry = registry;
        this.json = json;
        this.workerCount = workerCount;
    }

    /** @throws ApiException 400 for the first problem found */
    ValidatedJob validate(SubmitRequest request) {
        if (request.task() == null || request.task().isBlank()) {
            throw ApiException.badField("task", "field 'task' is required; GET /api/tasks lists the tasks");
        }
        RegisteredTask task;
        try {
            task = registry.require(request.task());
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("task", e.getMessage());
        }
        JobMode mode = mode(request.mode());
        List<String> args = arguments(request, task, mode);
        int chunksize = chunksize(request.chunksize(), mode, args.size());
        int retries = request.retries() == null ? DEFAULT_RETRIES : request.retries();
        if (retries < 0 || retries > MAX_RETRIES) {
            throw ApiException.badField("retries", "retries must be between 0 and " + MAX_RETRIES + ", got " + retries);
        }
        if (request.maxInFlight() != null && request.maxInFlight() < 1) {
            throw ApiException.badField("maxInFlight", "maxInFlight must be at least 1, got " + request.maxInFlight()
                    + " (leave it out for no bound of the job's own)");
        }
        int maxInFlight = request.maxInFlight() == null ? 0 : request.maxInFlight();
        return new ValidatedJob(new JobSpec(task.name(), mode, chunksize,
                millis("taskTimeout", request.taskTimeout()), millis("timeout", request.timeout()), retries,
                maxInFlight,
                Boolean.TRUE.equals(request.retryTimeouts()), retention(request.retention()),
                priority(request.priority())), args);
    }

    private static JobPriority priority(String text) {
        if (text == null) {
            return JobPriority.NORMAL;
        }
        try {
            return JobPriority.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("priority", "field 'priority' must be one of " + JobPriority.names()
                    + "; got '" + text + "'");
        }
    }

    /** The job's own retention in ms, 0 to keep it forever; null to follow the server's setting. */
    private static Long retention(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text).toMillis();
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("retention", "field 'retention' must be a duration such as 12h or 7d, "
                    + "or 0 to keep the job forever; got '" + text + "'");
        }
    }

    private static JobMode mode(String given) {
        if (given == null) {
            return JobMode.MAP;
        }
        try {
            JobMode mode = JobMode.valueOf(given.toUpperCase(Locale.ROOT));
            if (given.equals(mode.name().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        } catch (IllegalArgumentException e) {
            // Reported below with the accepted modes.
        }
        throw ApiException.badField("mode", "mode '" + given + "' is not one of " + Arrays.stream(JobMode.values())
                .map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    private List<String> arguments(SubmitRequest request, RegisteredTask task, JobMode mode) {
        boolean hasArgs = request.args() != null && !request.args().isNull();
        boolean hasRange = request.range() != null;
        if (hasArgs == hasRange) {
            throw ApiException.badField("args", "give exactly one of 'args' (a JSON list, one argument per task) "
                    + "or 'range' (such as \"1..16\")" + (hasArgs ? ", not both" : ""));
        }
        List<String> args = hasArgs ? listed(request.args(), task, mode) : ranged(request.range(), task, mode);
        if (mode == JobMode.APPLY && args.size() != 1) {
            throw ApiException.badField("args", "apply runs exactly one task; give 'args' as a list of one "
                    + "argument, such as [3], not " + args.size());
        }
        return args;
    }

    private List<String> listed(JsonNode given, RegisteredTask task, JobMode mode) {
        if (!given.isArray()) {
            throw ApiException.badField("args", "field 'args' must be a JSON list, one argument per task, such as "
                    + "[1, 2, 3], not " + given.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (given.size() > MAX_TASKS) {
            throw ApiException.badField("args", "'args' holds " + given.size() + " arguments; at most " + MAX_TASKS
                    + " are allowed in one job");
        }
        List<String> args = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            JsonNode arg = given.get(i);
            if (mode == JobMode.STARMAP && !arg.isArray()) {
                throw new ApiException(400, "args", i, "argument " + i + ": starmap takes a list per task, bound to "
                        + task.signature() + " in order, such as [2, 3]; got " + arg);
            }
            bind(task, arg, i, "args");
            args.add(arg.toString());
        }
        return args;
    }

    private List<String> ranged(String text, RegisteredTask task, JobMode mode) {
        if (mode == JobMode.STARMAP) {
            throw ApiException.badField("range", "starmap needs 'args' as a list of lists, not a range");
        }
        RangeArguments range = RangeArguments.parse(text, MAX_TASKS);
        // Both ends fit the task's type, so every integer between them does.
        bind(task, LongNode.valueOf(range.first()), 0, "range");
        bind(task, LongNode.valueOf(range.last()), range.size() - 1, "range");
        return range;
    }

    private void bind(RegisteredTask task, JsonNode arg, int index, String field) {
        try {
            json.bindArgument(task, arg);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, field, index, "argument " + index + ": " + e.getMessage());
        }
    }

    /** The given chunksize, else Python's rule for map and starmap (ceil(n / (4 × workers))), else 1. */
    private int chunksize(Integer given, JobMode mode, int tasks) {
        if (given != null) {
            if (given < 1) {
                throw ApiException.badField("chunksize", "chunksize must be at least 1, got " + given);
            }
            return given;
        }
        if (mode != JobMode.MAP && mode != JobMode.STARMAP) {
            return 1;
        }
        long slots = 4L * Math.max(1, workerCount.getAsInt());
        return (int) Math.max(1, (tasks + slots - 1) / slots);
    }

    private static long millis(String field, String text) {
        if (text == null) {
            return 0;
        }
        Duration duration;
        try {
            duration = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(field, "field '" + field + "': " + e.getMessage());
        }
        if (duration.isZero()) {
            throw ApiException.badField(field, "field '" + field + "' must be positive, such as 30s; got '" + text
                    + "' (leave it out for no limit)");
        }
        return Math.max(1, duration.toMillis());
    }
}
