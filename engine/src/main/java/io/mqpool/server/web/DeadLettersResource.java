package io.mqpool.server.web;

import io.javalin.http.Context;
import io.mqpool.engine.DeadLetterOffice;
import io.mqpool.engine.DeadLetterPage;
import io.mqpool.engine.DeadLetterRefusedException;
import io.mqpool.engine.Engine;
import java.util.List;

/**
 * {@code /api/dead-letters}: list the broker's dead-letter queue, drop messages, send task chunks
 * again. Every handler blocks on the broker.
 */
final class DeadLettersResource {

    private static final int DEFAULT_LIMIT = 100;

    private final Engine engine;
    private final JsonCodec json;

    DeadLettersResource(Engine engine, JsonCodec json) {
        this.engine = engine;
        this.json = json;
    }

    /** The page of {@code GET /api/dead-letters}: the oldest first; {@code more} when others follow. */
    record Page(List<DeadLetterView> deadLetters, boolean more) {
    }

    /** {@code GET /api/dead-letters?limit=N}. */
    void list(Context ctx) {
        int limit = Params.intParam(ctx, "limit", DEFAULT_LIMIT, 1, DeadLetterOffice.MAX_LIMIT);
        DeadLetterPage page = engine.deadLetters().list(limit);
        json.write(ctx, 200, new Page(page.letters().stream().map(DeadLetterView::of).toList(), page.more()));
    }

    /** {@code DELETE /api/dead-letters/{id}}. */
    void drop(Context ctx) {
        String id = ctx.pathParam("id");
        if (!dropped(id)) {
            throw ApiException.notFound("no dead letter '" + id + "' (see GET /api/dead-letters)");
        }
        ctx.status(204);
    }

    /** {@code DELETE /api/dead-letters}: every one. */
    void dropAll(Context ctx) {
        json.write(ctx, 200, new Dropped(engine.deadLetters().dropAll()));
    }

    /** The answer of dropping them all. */
    record Dropped(long dropped) {
    }

    /** {@code POST /api/dead-letters/{id}/resend}: 409 when it is no task chunk or its job is not running. */
    void resend(Context ctx) {
        String id = ctx.pathParam("id");
        boolean sent;
        try {
            sent = engine.deadLetters().resend(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (DeadLetterRefusedException e) {
            throw new ApiException(409, e.getMessage());
        }
        if (!sent) {
            throw ApiException.notFound("no dead letter '" + id + "' (see GET /api/dead-letters)");
        }
        json.write(ctx, 200, new Resent(id));
    }

    /** The answer of sending a dead letter's chunk again. */
    record Resent(String resent) {
    }

    private boolean dropped(String id) {
        try {
            return engine.deadLetters().drop(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
