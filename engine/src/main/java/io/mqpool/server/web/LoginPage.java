package io.mqpool.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * Where a browser beyond loopback signs in: a form for the API token (which {@code mqpool token}
 * prints on the server's host). A right token is kept in an {@code HttpOnly},
 * {@code SameSite=Strict} cookie, so the pages and their live updates carry it from then on.
 */
final class LoginPage {

    private final Layout layout;
    private final UiSettings ui;
    private final ApiToken token;
    private final boolean secure;

    LoginPage(Layout layout, UiSettings ui, ApiToken token, boolean secure) {
        this.layout = layout;
        this.ui = ui;
        this.token = token;
        this.secure = secure;
    }

    /** The form, with a 401 status when the browser was turned away from another page. */
    void show(Context ctx, int status, String message) {
        layout.render(ctx, status, "login", "Sign in", Html.of("""
                <h1>Sign in</h1>
                <p>This server asks for its API token. On the server's host, <code>mqpool token</code> prints it.</p>
                {}
                <form method="post" action="{}">
                <label for="token">API token</label>
                <input id="token" name="token" type="password" autocomplete="current-password" required>
                <button type="submit">Sign in</button>
                </form>
                """, message == null ? Html.of("") : Html.of(
                        "<p id=\"error-message\" class=\"field-error\" role=\"alert\">{}</p>", message),
                ui.to("/login")));
    }

    void show(Context ctx) {
        show(ctx, 200, null);
    }

    /** Keeps a right token in the cookie and goes to the jobs; a wrong one gets the form again. */
    void signIn(Context ctx) {
        String given = ctx.formParam("token");
        if (given == null || !token.matches(given.strip())) {
            show(ctx, 401, "That is not this server's API token.");
            return;
        }
        String path = ui.basePath().isEmpty() ? "/" : ui.basePath();
        ctx.header("Set-Cookie", ApiToken.COOKIE + "=" + given.strip() + "; Path=" + path
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
        ctx.redirect(ui.to("/jobs"), HttpStatus.SEE_OTHER);
    }
}
