package io.mqpool.server.web;

import io.javalin.http.Context;
import io.mqpool.engine.Engine;
import io.mqpool.engine.monitor.Health;

/**
 * {@code GET /api/health}, for a load balancer or a container's health check: 200 when the
 * broker connection, the store and at least one worker are up, 503 with the reason otherwise.
 * Open to all, token or not: it tells only up or down and why.
 */
final class HealthResource {

    static final String PATH = "/api/health";

    private final Engine engine;
    private final JsonCodec json;

    HealthResource(Engine engine, JsonCodec json) {
        this.engine = engine;
        this.json = json;
    }

    /** Blocks for one store round trip. */
    void health(Context ctx) {
        Health health = engine.monitor().health();
        ctx.header("Cache-Control", "no-store");
        if (health.up()) {
            json.write(ctx, 200, new HealthView("up", null, health.readyWorkers()));
        } else {
            json.write(ctx, 503, new HealthView("down", health.reason(), health.readyWorkers()));
        }
    }
}
