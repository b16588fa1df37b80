package io.mqpool.server.web;

import io.javalin.http.Context;
import io.mqpool.engine.Engine;
import io.mqpool.supervisor.WorkerState;
import java.time.Clock;
import java.util.List;

/** {@code /api/workers}: list and scale the worker processes. */
final class WorkersResource {

    static final int MAX_WORKERS = 1_024;

    private final Engine engine;
    private final JsonCodec json;
    private final Clock clock;

    WorkersResource(Engine engine, JsonCodec json, Clock clock) {
        this.engine = engine;
        this.json = json;
        this.clock = clock;
    }

    /** {@code GET /api/workers}. Does not block. */
    void list(Context ctx) {
        json.write(ctx, 200, workers());
    }

    /**
     * {@code POST /api/workers/scale {"count": N}}: blocks while new workers start; workers
     * beyond N drain (finish their chunk, then exit).
     */
    void scale(Context ctx) {
        ScaleRequest request = json.read(ctx, ScaleRequest.class);
        if (request.count() == null || request.count() < 1 || request.count() > MAX_WORKERS) {
            throw ApiException.badRequest("field 'count' must be a whole number from 1 to " + MAX_WORKERS
                    + ", not " + request.count());
        }
        engine.scaleWorkers(request.count());
        json.write(ctx, 200, workers());
    }

    /** Workers that are running or on their way (not stopped, not draining). */
    int activeCount() {
        return (int) engine.workers().stream()
                .filter(w -> w.state() != WorkerState.STOPPED && w.state() != WorkerState.DRAINING).count();
    }

    /** Every worker as the API shows it. Does not block. */
    List<WorkerInfo> workers() {
        return engine.workers().stream().map(w -> WorkerInfo.of(w, clock.instant())).toList();
    }
}
