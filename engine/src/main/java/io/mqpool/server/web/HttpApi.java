package io.mqpool.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.mqpool.config.HttpSettings;
import io.mqpool.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of {@code mqpool server} on Javalin (Jetty 12): JSON under {@code /api}, every
 * error a one-line {@code {"error": "..."}}; and the web UI's pages ({@link WebUi}) on the same port.
 */
public final class HttpApi implements AutoCloseable {

    /** Bodies above this are refused with 413 before a handler parses them. */
    static final long MAX_BODY_BYTES = 16L * 1024 * 1024;
    /** A refused body up to this size is read to its end, so that the client hears the refusal. */
    private static final long MAX_DRAINED_BYTES = 4 * MAX_BODY_BYTES;
    /** Longer than the longest long-poll (60 s), so Jetty never cuts a waiting request. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(90);
    /** The methods a read-only server still answers. */
    private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");

    private final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private final Javalin javalin;
    private final JsonCodec json = new JsonCodec();
    private final WebUi ui;
    private boolean closed;

    private HttpApi(Engine engine, HttpSettings http, String version, String token) {
        Clock clock = Clock.systemUTC();
        JobViews views = new JobViews(engine, clock, json.mapper());
        WorkersResource workers = new WorkersResource(engine, json, clock);
        SubmissionValidator validator = new SubmissionValidator(engine.registry(), engine.json(),
                workers::activeCount);
        JobsResource jobs = new JobsResource(engine, json, validator, views);
        ResultsResource results = new ResultsResource(engine, json, views);
        RetryFailedResource retry = new RetryFailedResource(engine, json, views);
        StatsResource stats = new StatsResource(engine, json, views, clock);
        OutcomesDownload download = new OutcomesDownload(engine, views, json.mapper());
        MetaResource meta = new MetaResource(engine, json, workers, version, http);
        StateResource state = new StateResource(engine, json);
        DeadLettersResource deadLetters = new DeadLettersResource(engine, json);
        MetricsResource metrics = new MetricsResource(engine);
        HealthResource health = new HealthResource(engine, json);
        ApiToken apiToken = new ApiToken(token, http.auth());
        ui = new WebUi(engine, new UiSettings(http.basePath(), http.readOnly()), version,
                new ApiParts(json, validator, jobs, views, results, workers, retry), apiToken, http.tls().isPresent());
        javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.prefer405over404 = true;
            // Javalin serves at "/" by default; a base path moves every route, API and page, under it.
            config.router.contextPath = http.basePath().isEmpty() ? "/" : http.basePath();
            config.jetty.addConnector((server, httpConfig) -> {
                ServerConnector connector = http.tls().isEmpty()
                        ? new ServerConnector(server, new HttpConnectionFactory(httpConfig))
                        : Https.connector(server, httpConfig, http.tls().get());
                connector.setHost(http.bind());
                connector.setPort(http.port());
                connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                return connector;
            });

            // First of all: nothing is read, parsed or refused for a reason of its own before the token is checked.
            // Health is open to all: it tells only up or down and why. /metrics needs the token like the API.
            config.routes.before(ctx -> {
                if (!ui.isPublic(ctx) && !isHealth(ctx, http.basePath())) {
                    apiToken.check(ctx);
                }
            });
            config.routes.before(HttpApi::refuseOversizedBodies);
            if (http.readOnly()) {
                config.routes.before(this::refuseChanges);
            }
            ui.routes(config.routes);
            config.routes.get("/api/status", meta::status);
            config.routes.get(HealthResource.PATH, health::health);
            config.routes.get("/metrics", metrics::scrape);
            config.routes.get("/api/tasks", meta::tasks);
            config.routes.post("/api/jobs", jobs::submit);
            config.routes.get("/api/jobs", jobs::list);
            config.routes.get("/api/jobs/{id}", jobs::show);
            config.routes.get("/api/jobs/{id}/results", results::results);
            config.routes.post("/api/jobs/{id}/cancel", jobs::cancel);
            config.routes.get("/api/jobs/{id}/outcomes.jsonl", download::download);
            config.routes.delete("/api/jobs/{id}", jobs::delete);
            config.routes.post("/api/jobs/{id}/retry-failed", retry::retryOne);
            config.routes.post("/api/jobs/retry-failed", retry::retryMany);
            config.routes.get("/api/jobs/{id}/stats", stats::job);
            config.routes.get("/api/stats/throughput", stats::throughput);
            config.routes.get("/api/workers", workers::list);
            config.routes.post("/api/workers/scale", workers::scale);
            config.routes.get("/api/workers/hosts", workers::hosts);
            config.routes.post("/api/workers/hosts/{id}/drain", workers::drain);
            config.routes.get("/api/state", state::list);
            config.routes.get("/api/state/{name}", state::show);
            config.routes.delete("/api/state/{name}", state::delete);
            config.routes.post("/api/state/{name}/release", state::release);
            config.routes.get("/api/dead-letters", deadLetters::list);
            config.routes.delete("/api/dead-letters", deadLetters::dropAll);
            config.routes.delete("/api/dead-letters/{id}", deadLetters::drop);
            config.routes.post("/api/dead-letters/{id}/resend", deadLetters::resend);

            config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    describe(e, ctx)));
            config.routes.exception(Exception.class, this::unexpected);
        });
    }

    /**
     * Binds {@code http.bind():http.port()} (port 0: a free one) and starts serving. Blocks
     * until it listens.
     *
     * @param token the API token that requests must carry (see {@link ApiToken})
     *
     * @throws HttpStartException with a one-line reason if it cannot listen there
     */
    public static HttpApi start(Engine engine, HttpSettings http, String version, String token) {
        HttpApi api = new HttpApi(engine, http, version, token);
        try {
            api.javalin.start();
        } catch (RuntimeException e) {
            api.close();
            throw new HttpStartException("cannot serve HTTP on " + http.bind() + ":" + http.port() + ": "
                    + reason(e), e);
        }
        return api;
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return "the port is already in use or the address is not local (choose another with --port "
                        + "or --bind)";
            }
        }
        return e.getMessage();
    }

    /** The port it listens on (the chosen one when started on port 0). */
    public int port() {
        return javalin.port();
    }

    /** Stops accepting requests and stops Jetty; idempotent. Blocks up to Jetty's stop timeout. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        javalin.stop();
    }

    /**
     * Refuses a body over the limit by its declared length, before any handler parses it. The
     * body is read and dropped first (up to {@link #MAX_DRAINED_BYTES}): a server that answers
     * and closes while the client is still sending resets the connection, and the client may
     * then lose the answer. Answering before reading is no cure either: Java 17's HttpClient,
     * having asked {@code Expect: 100-continue}, waits forever for a final answer without the 100.
     */
    private static void refuseOversizedBodies(Context ctx) throws IOException {
        long length = ctx.contentLength();
        if (length <= MAX_BODY_BYTES) {
            return;
        }
        if (length <= MAX_DRAINED_BYTES) {
            try (InputStream body = ctx.req().getInputStream()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
        }
        throw new ApiException(413, "the body is larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB");
    }

    /** Whether the request is for {@code /api/health} (under the base path, if there is one). */
    private static boolean isHealth(Context ctx, String basePath) {
        String path = ctx.path();
        return path.startsWith(basePath) && path.substring(basePath.length()).equals(HealthResource.PATH);
    }

    /** In read-only mode: anything but reading is refused before it reaches a handler. */
    private void refuseChanges(Context ctx) {
        if (!READING.contains(ctx.method().name()) && !ui.isPublic(ctx)) {
            throw new ApiException(403, "this server is read-only");
        }
    }

    private void error(Context ctx, int status, String message) {
        if (status == 401 && ui.answersWithPage(ctx)) {
            ui.login(ctx);
            return;
        }
        if (ui.answersWithPage(ctx)) {
            ui.error(ctx, status, message);
            return;
        }
        json.write(ctx, status, new ErrorBody(message));
    }

    private void unexpected(Exception e, Context ctx) {
        log.error("{} {} failed", ctx.method(), ctx.path(), e);
        error(ctx, 500, "internal error: " + e.getMessage());
    }

    /** Javalin's own refusals (no route, wrong method, body too large) in our words. */
    private static String describe(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> "no such resource: " + ctx.method() + " " + ctx.path();
            case 405 -> "method " + ctx.method() + " is not allowed on " + ctx.path();
            case 413 -> "the body is larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB";
            default -> e.getMessage();
        };
    }
}
