package io.mqpool.server.web;

import io.javalin.http.Context;

/** The frame of every page: head, assets, the nav, and where the page's content goes. */
final class Layout {

    private final UiSettings ui;
    private final String version;

    Layout(UiSettings ui, String version) {
        this.ui = ui;
        this.version = version;
    }

    UiSettings ui() {
        return ui;
    }

    /** Answers {@code status} with the page {@code title} around {@code content}. */
    void render(Context ctx, int status, String page, String title, Html content) {
        Html html = Html.of("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{} · mqpool</title>
<link rel="icon" href="data:,">
                <link rel="stylesheet" href="{}">
                <script src="{}" defer></script>
                </head>
                <body data-base="{}" data-page="{}" data-read-only="{}">
                <header class="top">
                <span class="brand">mqpool <small>{}</small></span>
                <nav aria-label="main">
                <a id="nav-submit" href="{}"{}>Submit</a>
                <a id="nav-jobs" href="{}"{}>Jobs</a>
                <a id="nav-workers" href="{}"{}>Workers</a>
                </nav>
                {}
                </header>
                <main>
                {}
                </main>
                </body>
                </html>
                """, title, ui.to("/assets/ui.css"), ui.to("/assets/ui.js"), ui.basePath(), page, ui.readOnly(),
                version, ui.to("/"), current(page, "submit"), ui.to("/jobs"), current(page, "jobs"),
                ui.to("/workers"), current(page, "workers"),
                Html.when(ui.readOnly(), Html.of("<span class=\"badge\" id=\"read-only\">read-only</span>")),
                content);
        ctx.status(status).contentType("text/html; charset=utf-8").result(html.text());
    }

    private static Html current(String page, String link) {
        return Html.when(page.equals(link), Html.of(" aria-current=\"page\""));
    }
}
