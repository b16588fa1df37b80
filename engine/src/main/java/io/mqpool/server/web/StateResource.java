package io.mqpool.server.web;

import io.javalin.http.Context;
import io.mqpool.engine.Engine;
import io.mqpool.engine.state.CounterValue;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/state}: the shared counters the tasks use. {@code GET /api/state} lists them,
 * {@code GET /api/state/{name}} shows one, {@code DELETE /api/state/{name}} removes one (it
 * reads 0 again, and its keyed updates are forgotten).
 */
final class StateResource {

    private final Engine engine;
    private final JsonCodec json;

    StateResource(Engine engine, JsonCodec json) {
        this.engine = engine;
        this.json = json;
    }

    /** A counter as the API shows it. */
    record CounterView(String name, String kind, long value, String updatedAt) {
        static CounterView of(CounterValue counter) {
            return new CounterView(counter.name(), "counter", counter.value(), counter.updatedAt().toString());
        }
    }

    void list(Context ctx) {
        List<CounterView> counters = engine.state().list().stream().map(CounterView::of).toList();
        json.write(ctx, 200, Map.of("counters", counters));
    }

    void show(Context ctx) {
        String name = ctx.pathParam("name");
        CounterValue counter = engine.state().find(name)
                .orElseThrow(() -> ApiException.notFound("no shared counter named '" + name + "'"));
        json.write(ctx, 200, CounterView.of(counter));
    }

    void delete(Context ctx) {
        String name = ctx.pathParam("name");
        if (!engine.state().delete(name)) {
            throw ApiException.notFound("no shared counter named '" + name + "'");
        }
        ctx.status(204);
    }
}
