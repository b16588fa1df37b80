package io.mqpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mqpool.app.client.ApiClient;
import io.mqpool.app.client.ApiRefusedException;
import io.mqpool.app.client.HttpJson;
import io.mqpool.app.client.ServerUnreachableException;
import io.mqpool.engine.JobMode;
import io.mqpool.engine.events.JobEvents;
import io.mqpool.engine.events.JobSignal;
import io.mqpool.engine.store.JobState;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedList;
import io.mqpool.jobs.SharedMap;
import io.mqpool.jobs.TaskJson;
import io.mqpool.jobs.TaskRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A pool's jobs on a running {@code mqpool server} ({@link Pool#connect}): submitted through its
 * HTTP API as the CLI submits them, their outcomes read back a page at a time by one watch
 * thread. Nothing starts here and nothing stops here: the server's workers run the tasks, its
 * store keeps the jobs (they show in {@code mqpool jobs} and the web UI like any other), and
 * closing the pool leaves the server running.
 */
final class ServerBackend implements PoolBackend {

    private final ApiClient api;
    private final TaskRegistry registry;
    private final TaskJson json = new TaskJson();
    private final JobEvents events = new JobEvents();
    private final PoolJobs jobs = new PoolJobs();
    private final ServerWatch watch;
    private final int workers;

    private ServerBackend(ApiClient api, TaskRegistry registry, int workers) {
        this.api = api;
        this.registry = registry;
        this.workers = workers;
        this.watch = new ServerWatch(api, events);
    }

    /**
     * Asks the server at {@code server} how many workers it has, which also proves it is an
     * mqpool server that answers.
     *
     * @param token sent with every request, for a server beyond this host
     * @throws PoolConnectionException if it cannot be reached or is no mqpool server
     */
    static ServerBackend connect(URI server, Optional<String> token) {
        ApiClient api = new ApiClient(new HttpJson(server, HttpJson.newMapper(), token));
        JsonNode status = call(api, api::status);
        if (!status.has("workers")) {
            throw new PoolConnectionException("the server at " + server + " answered /api/status without "
                    + "its workers; is it an mqpool server?", null);
        }
        TaskRegistry registry = TaskRegistry.load(null, ServerBackend.class.getClassLoader());
        return new ServerBackend(api, registry, Math.max(1, status.get("workers").asInt()));
    }

    URI server() {
        return api.http().server();
    }

    @Override
    public TaskRegistry registry() {
        return registry;
    }

    @Override
    public TaskJson json() {
        return json;
    }

    /** The server's workers when the pool connected: what {@code map}'s default chunksize is made for. */
    @Override
    public int parallelism() {
        return workers;
    }

    @Override
    public <R> AsyncResult<R> submitAll(RegisteredTask task, JobMode mode, List<String> argsJson, JobOptions options,
                                        ResultAssembly<R> assembly) {
        Submitted submitted = submit(task, mode, argsJson, options, true, false);
        return jobs.result(submitted.signal(), () -> assembly.assemble(submitted.job().all()),
                stopRunning -> cancel(submitted.job()));
    }

    /**
     * Reads the whole input first: the API takes a job's arguments in one request. The results
     * come back as they are ready, a bounded window of them at a time.
     */
    @Override
    public <R> ResultSequence<R> submitLazy(RegisteredTask task, JobMode mode, ArgumentEncoder.LazyArguments input,
                                            JobOptions options, boolean inputOrder) {
        List<String> argsJson = new ArrayList<>();
        try {
            while (input.hasNext()) {
                argsJson.add(input.next());
            }
        } catch (RuntimeException e) {
            if (input.failure() == null) {
                throw e;
            }
            // The arguments read before the failure still run; the failure comes after their results.
        }
        Submitted submitted = submit(task, mode, argsJson, options, inputOrder, true);
        @SuppressWarnings("unchecked") // typed by the task, as every outcome is
        OutcomeFeed<R> feed = (OutcomeFeed<R>) (OutcomeFeed<?>) submitted.job;
        return new ResultSequence<>(submitted.signal, feed, inputOrder,
                new ResultSequence.Hooks(() -> cancel(submitted.job), input::failure, jobs::closedBy,
                        chunks -> watch.roomMade()));
    }

    private record Submitted(ServerJob job, JobSignal signal) {
    }

    private Submitted submit(RegisteredTask task, JobMode mode, List<String> argsJson, JobOptions options,
                             boolean inputOrder, boolean bounded) {
        JsonNode view = call(api, () -> {
            try {
                return api.submit(request(task, mode, argsJson, options));
            } catch (ApiRefusedException e) {
                throw new IllegalArgumentException("the server at " + server() + " refused the job: "
                        + e.getMessage(), e);
            }
        });
        String id = view.path("id").asText();
        ServerJob job = new ServerJob(id, task, json, argsJson, inputOrder, bounded);
        JobSignal signal = jobs.track(events.signal(id));
        watch.add(job);
        return new Submitted(job, signal);
    }

    private ObjectNode request(RegisteredTask task, JobMode mode, List<String> argsJson, JobOptions options) {
        ObjectNode body = api.http().json().createObjectNode();
        body.put("task", task.name());
        body.put("mode", mode.name().toLowerCase(Locale.ROOT));
        body.set("args", arguments(argsJson));
        body.put("chunksize", options.chunksize());
        duration(body, "taskTimeout", options.taskTimeout());
        duration(body, "timeout", options.jobTimeout());
        if (options.retries() != null) {
            body.put("retries", options.retries());
        }
        if (Boolean.TRUE.equals(options.retryTimeouts())) {
            body.put("retryTimeouts", true);
        }
        if (options.maxInFlight() != null) {
            body.put("maxInFlight", options.maxInFlight());
        }
        if (options.retention() != null) {
            body.put("retention", options.retention().isZero() ? "0" : options.retention().toMillis() + "ms");
        }
        if (options.priority() != null) {
            body.put("priority", options.priority().name().toLowerCase(Locale.ROOT));
        }
        return body;
    }

    private ArrayNode arguments(List<String> argsJson) {
        ArrayNode args = api.http().json().createArrayNode();
        try {
            for (String arg : argsJson) {
                args.add(api.http().json().readTree(arg));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("an encoded argument is not JSON", e);
        }
        return args;
    }

    private static void duration(ObjectNode body, String field, Duration duration) {
        if (duration != null) {
            body.put(field, Math.max(1, duration.toMillis()) + "ms");
        }
    }

    /** Cancels a job on the server: whether this call ended it. */
    private boolean cancel(ServerJob job) {
        if (job.done()) {
            return false;
        }
        JsonNode view = call(api, () -> api.cancel(job.id()));
        JobState state = JobState.valueOf(view.path("state").asText(JobState.RUNNING.name()));
        if (state != JobState.CANCELLED) {
            return false; // it finished first; the watch reads how
        }
        watch.forget(job.id());
        job.ended(JobState.CANCELLED);
        events.finished(job.id(), JobState.CANCELLED);
        return true;
    }

    @Override
    public SharedCounter counter(String name) {
        throw sharedStateElsewhere();
    }

    @Override
    public SharedArray array(String name, int size) {
        throw sharedStateElsewhere();
    }

    @Override
    public SharedMap map(String name) {
        throw sharedStateElsewhere();
    }

    @Override
    public SharedList list(String name) {
        throw sharedStateElsewhere();
    }

    private UnsupportedOperationException sharedStateElsewhere() {
        return new UnsupportedOperationException("a pool connected to a server does not reach its shared state; "
                + "read it with mqpool state NAME or GET " + server() + "/api/state/NAME");
    }

    /**
     * Waits for every job of this pool to finish on the server (the outcomes of a sequence left
     * half read are no longer kept), then stops reading. The server runs on.
     */
    @Override
    public void close() {
        for (ServerJob job : watch.unfinished()) {
            job.drain();
        }
        watch.roomMade();
        jobs.awaitAll();
        jobs.stopCallbacks(5);
        jobs.closing("closed");
        watch.stop();
    }

    /** Cancels this pool's unfinished jobs on the server, then stops at once. The server runs on. */
    @Override
    public void terminate() {
        jobs.abandonUnsettled();
        jobs.closing("terminated");
        List<ServerJob> unfinished = watch.unfinished();
        watch.stop();
        for (ServerJob job : unfinished) {
            try {
                api.cancel(job.id());
            } catch (RuntimeException e) {
                // Best effort: a lost server cannot be told, and its own timeouts still apply.
            }
        }
        events.stopAll(new IllegalStateException("the pool was terminated"));
        jobs.stopCallbacksNow();
        jobs.abandonUnsettled(); // any submitted while the first pass ran
    }

    /** One request, with a server that does not answer as a {@link PoolConnectionException}. */
    private static JsonNode call(ApiClient api, Supplier<JsonNode> request) {
        try {
            return request.get();
        } catch (ServerUnreachableException e) {
            throw new PoolConnectionException(e.getMessage(), e);
        }
    }
}
