package io.mqpool.server.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Cross-site request forgery protection of the page forms: a per-session token, kept in a
 * cookie and repeated in a hidden {@code csrf} field of every form; a page POST is accepted only
 * if the two match (compared in constant time). A form token, rather than JSON-only submission
 * with a custom header, because the pages must work without JavaScript, and a plain HTML form can
 * only send form encodings. Another site can make a browser post a form here, but it can neither
 * read our cookie nor our pages, so it cannot know the token. (The JSON API needs no token: it
 * requires {@code Content-Type: application/json}, which a cross-site form cannot send and a
 * cross-site script can only send after a CORS preflight, which this server never grants.) The
 * cookie is {@code SameSite=Strict} and {@code HttpOnly} as a second line. Thread-safe.
 */
final class Csrf {

    static final String FIELD = "csrf";
    private static final String COOKIE = "mqpool_csrf";
    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final UiSettings ui;

    Csrf(UiSettings ui) {
        this.ui = ui;
    }

    /** The session's token; makes one and sets its cookie on the response if it has none yet. */
    String token(Context ctx) {
        String token = ctx.cookie(COOKIE);
        if (token != null && token.length() >= TOKEN_BYTES) {
            return token;
        }
        // One token per response, however many forms the page has.
        String madeEarlier = ctx.attribute(COOKIE);
        if (madeEarlier != null) {
            return madeEarlier;
        }
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String made = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String path = ui.basePath().isEmpty() ? "/" : ui.basePath();
        ctx.attribute(COOKIE, made);
        ctx.header("Set-Cookie", COOKIE + "=" + made + "; Path=" + path + "; HttpOnly; SameSite=Strict");
        return made;
    }

    /** The hidden input every page form carries. */
    Html field(Context ctx) {
        return Html.of("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", token(ctx));
    }

    /** @throws ApiException 403 unless the request's form field matches its cookie */
    void check(Context ctx) {
        String cookie = ctx.cookie(COOKIE);
        String field = ctx.formParam(FIELD);
        if (cookie == null || field == null || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                field.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(403, "the form's security token does not match this browser's (the page is "
                    + "stale, cookies are off, or the form came from another site); reload the page and try again");
        }
    }
}
