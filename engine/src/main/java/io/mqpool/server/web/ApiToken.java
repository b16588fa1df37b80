package io.mqpool.server.web;

import io.javalin.http.Context;
import io.mqpool.config.AuthMode;
import io.mqpool.config.Loopback;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The HTTP API token: every request must carry it, as {@code Authorization: Bearer TOKEN} or
 * (a browser signed in through {@link LoginPage}) in the {@code mqpool_token} cookie, unless it
 * comes from loopback and the auth mode is {@code auto}. Compared in constant time. Thread-safe.
 */
final class ApiToken {

    static final String COOKIE = "mqpool_token";
    private static final String BEARER = "Bearer ";

    private final byte[] token;
    private final AuthMode mode;

    ApiToken(String token, AuthMode mode) {
        this.token = Objects.requireNonNull(token, "token").getBytes(StandardCharsets.UTF_8);
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** Whether this request must show the token: always, or because it comes from beyond loopback. */
    boolean needed(Context ctx) {
        return mode == AuthMode.ALWAYS || !Loopback.isLoopback(clientAddress(ctx));
    }

    /**
     * @throws ApiException 401 when the request needs the token and does not carry the right one
     */
    void check(Context ctx) {
        if (!needed(ctx)) {
            return;
        }
        String header = ctx.header("Authorization");
        String given = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip() : ctx.cookie(COOKIE);
        if (given == null || given.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"mqpool\"");
            throw new ApiException(401, "this server needs its API token: send Authorization: Bearer TOKEN "
                    + "(mqpool token prints it on the server's host)");
        }
        if (!matches(given)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"mqpool\", error=\"invalid_token\"");
            throw new ApiException(401, "the API token is wrong (mqpool token prints the right one on the "
                    + "server's host)");
        }
    }

    boolean matches(String given) {
        return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    private static InetAddress clientAddress(Context ctx) {
        try {
            return InetAddress.getByName(ctx.req().getRemoteAddr());
        } catch (UnknownHostException e) {
            return null; // not an address: treated as beyond loopback
        }
    }
}
