package io.mqpool.server.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.mqpool.engine.Engine;

/**
 * The web UI's route table: server-rendered pages that work without JavaScript (submit and
 * reading), one small script for live updates and charts, every asset from the jar. Page errors
 * are pages too; the JSON API keeps its JSON errors.
 */
final class WebUi {

    private final UiSettings ui;
    private final Layout layout;
    private final Csrf csrf;
    private final Assets assets = new Assets();
    private final SubmitPage submitPage;
    private final SubmitForm submitForm;
    private final JobsPage jobsPage;
    private final JobDetailPage jobPage;
    private final WorkersPage workersPage;
    private final PageActions actions;
    private final LoginPage loginPage;

    WebUi(Engine engine, UiSettings ui, String version, ApiParts api, ApiToken token, boolean https) {
        this.ui = ui;
        layout = new Layout(ui, version);
        csrf = new Csrf(ui);
        submitPage = new SubmitPage(layout, engine.registry(), csrf);
        submitForm = new SubmitForm(submitPage, api.validator(), api.jobs(), api.json().mapper(), ui);
        jobsPage = new JobsPage(layout, engine, api.views(), csrf);
        jobPage = new JobDetailPage(layout, api.views(),
                new ResultsTable(engine, api.results(), api.json().mapper(), ui), csrf);
        workersPage = new WorkersPage(layout, api.workers(), csrf);
        actions = new PageActions(engine, api.views(), api.retry(), ui);
        loginPage = new LoginPage(layout, ui, token, https);
    }

    void routes(RoutesConfig routes) {
        routes.get("/", submitPage::show);
        routes.get("/assets/{name}", assets::serve);
        routes.get("/login", loginPage::show);
        // Not through post(): it needs no CSRF token (there is no session to forge yet) and
        // works on a read-only server, where reading still needs the token.
        routes.post("/login", loginPage::signIn);
        routes.get("/jobs", jobsPage::show);
        routes.get("/jobs/{id}", jobPage::show);
        routes.get("/workers", workersPage::show);
        post(routes, "/jobs", submitForm::submit);
        post(routes, "/jobs/retry-failed", actions::retryFailedOfSelected);
        post(routes, "/jobs/{id}/cancel", actions::cancel);
        post(routes, "/jobs/{id}/retry-failed", actions::retryFailed);
        post(routes, "/jobs/{id}/delete", actions::delete);
        post(routes, "/workers/scale", actions::scale);
    }

    /**
     * Whether an error is answered as a page: a request outside {@code /api} from a browser (one
     * that accepts HTML). Anything else, such as a script posting to a page route, gets the API's
     * one-line JSON error, as the read-only rule promises for every action.
     */
    boolean answersWithPage(Context ctx) {
        String path = ctx.path().substring(Math.min(ctx.path().length(), ui.basePath().length()));
        String accept = ctx.header("Accept");
        return !path.equals("/api") && !path.startsWith("/api/") && accept != null && accept.contains("text/html");
    }

    /** Whether a request may go without the API token: the sign-in page and the assets it uses. */
    boolean isPublic(Context ctx) {
        String path = ctx.path().substring(Math.min(ctx.path().length(), ui.basePath().length()));
        return path.equals("/login") || path.startsWith("/assets/");
    }

    /** The sign-in page, for a browser that came without the token. */
    void login(Context ctx) {
        loginPage.show(ctx, 401, null);
    }

    /** An error as a page: the status, the one-line reason, and a way back. */
    void error(Context ctx, int status, String message) {
        layout.render(ctx, status, "error", "Error " + status, Html.of("""
                <h1>{}</h1><p id="error-message" class="field-error" role="alert">{}</p>
                <p><a href="{}">Back to the jobs</a></p>
                """, status == 404 ? "Not found" : status == 403 ? "Not allowed" : "Cannot do that", message,
                ui.to("/jobs")));
    }

    /** Every page POST is refused in read-only mode and without the session's CSRF token. */
    private void post(RoutesConfig routes, String path, Handler handler) {
        routes.post(path, ctx -> {
            if (ui.readOnly()) {
                throw new ApiException(403, "this server is read-only");
            }
            csrf.check(ctx);
            handler.handle(ctx);
        });
    }
}
