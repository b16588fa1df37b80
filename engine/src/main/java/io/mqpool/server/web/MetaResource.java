package io.mqpool.server.web;

import io.javalin.http.Context;
import io.mqpool.config.HttpSettings;
import io.mqpool.engine.Engine;
import java.time.Instant;

/** {@code GET /api/tasks} and {@code GET /api/status}: what the server offers and that it is up. */
final class MetaResource {

    private final Engine engine;
    private final JsonCodec json;
    private final WorkersResource workers;
    private final String version;
    private final HttpSettings http;

    MetaResource(Engine engine, JsonCodec json, WorkersResource workers, String version, HttpSettings http) {
        this.engine = engine;
        this.json = json;
        this.workers = workers;
        this.version = version;
        this.http = http;
    }

    void tasks(Context ctx) {
        json.write(ctx, 200, engine.registry().all().stream().map(TaskView::of).toList());
    }

    /** Blocks briefly on the store to count running jobs. */
    void status(Context ctx) {
        json.write(ctx, 200, new StatusView(version, workers.activeCount(),
                engine.settings().dataDir().toAbsolutePath().toString(), engine.jobs().runningJobs().size(),
                http.readOnly(), http.basePath(),
                engine.stuckJobs().stream().map(job -> StuckView.of(job, Instant.now())).toList()));
    }
}
