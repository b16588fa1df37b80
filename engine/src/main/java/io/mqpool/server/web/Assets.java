package io.mqpool.server.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /assets/{name}}: the pages' stylesheet and script, read from the jar once at start.
 * Only the files listed here are served, so nothing else on the class path is reachable.
 */
final class Assets {

    private static final Map<String, String> TYPES = Map.of("ui.css", "text/css; charset=utf-8",
            "ui.js", "text/javascript; charset=utf-8");

    private final Map<String, byte[]> files;

    Assets() {
        files = Map.of("ui.css", load("ui.css"), "ui.js", load("ui.js"));
    }

    void serve(Context ctx) {
        String name = ctx.pathParam("name");
        byte[] body = files.get(name);
        if (body == null) {
            throw ApiException.notFound("no asset '" + name + "'");
        }
        // No build step, so no content hash in the name: revalidate rather than cache for long.
        ctx.header("Cache-Control", "no-cache").contentType(TYPES.get(name)).result(body);
    }

    private static byte[] load(String name) {
        String path = "ui/" + name;
        try (InputStream in = Assets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks io/mqpool/server/web/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read io/mqpool/server/web/" + path + " from the jar", e);
        }
    }
}
