package io.mqpool.server.web;

import io.javalin.http.Context;
import io.mqpool.engine.Engine;
import io.mqpool.engine.remote.RemoteHost;
import io.mqpool.supervisor.WorkerState;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code /api/workers}: list and scale the worker processes. */
final class WorkersResource {

    static final int MAX_WORKERS = 1_024;
    /** This host's name, beside the server's own workers. */
    private static final String LOCAL_HOST = localHostName();

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

    /** Every worker as the API shows it, the server's own first, then those of other hosts. Does not block. */
    List<WorkerInfo> workers() {
        Instant now = clock.instant();
        List<WorkerInfo> all = new ArrayList<>();
        engine.workers().forEach(w -> all.add(WorkerInfo.of(w, now, LOCAL_HOST)));
        for (RemoteHost host : engine.remoteHosts()) {
            host.workers().forEach(w -> all.add(WorkerInfo.of(host, w, now)));
        }
        return all;
    }

    /** {@code GET /api/workers/hosts}: the supervisors on other hosts, lost ones too. Does not block. */
    void hosts(Context ctx) {
        json.write(ctx, 200, engine.remoteHosts().stream().map(h -> new HostInfo(h.hostId(), h.host(), h.pid(),
                h.lost() ? "lost" : h.draining() ? "draining" : "reporting", h.heardAt().toString(),
                h.workers().size())).toList());
    }

    /** {@code POST /api/workers/hosts/{id}/drain}: that host's workers finish their chunks, then it exits. */
    void drain(Context ctx) {
        String id = ctx.pathParam("id");
        if (!engine.drainRemoteHost(id)) {
            throw new ApiException(404, "no reporting host '" + id + "' (GET /api/workers/hosts lists them)");
        }
        json.write(ctx, 202, new DrainAnswer(id, true));
    }

    /**
     * A supervisor on another host as {@code GET /api/workers/hosts} shows it.
     *
     * @param state reporting, draining, or lost (not heard from for 10 s)
     */
    record HostInfo(String id, String host, long pid, String state, String heardAt, int workers) {
    }

    record DrainAnswer(String id, boolean draining) {
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
