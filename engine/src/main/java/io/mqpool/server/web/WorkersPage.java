package io.mqpool.server.web;

import io.javalin.http.Context;
import java.util.List;

/** {@code GET /workers}: every worker process and the form to scale them. Does not block. */
final class WorkersPage {

    private final Layout layout;
    private final WorkersResource workers;
    private final Csrf csrf;

    WorkersPage(Layout layout, WorkersResource workers, Csrf csrf) {
        this.layout = layout;
        this.workers = workers;
        this.csrf = csrf;
    }

    void show(Context ctx) {
        List<WorkerInfo> all = workers.workers();
        Html content = Html.of("""
                <h1>Workers</h1>
                {}
                <div class="table-wrap"><table id="workers" data-api="{}">
                <thead><tr><th scope="col">Worker</th><th scope="col">Host</th><th scope="col">PID</th>
                <th scope="col">State</th>
                <th scope="col">Job</th><th scope="col">Task indexes</th><th scope="col">Tasks done</th>
                <th scope="col">Uptime</th><th scope="col">Restarts</th></tr></thead>
                <tbody>{}</tbody></table></div>
                """, scaleForm(ctx), layout.ui().to("/api/workers"),
                Html.join(all.stream().map(this::row).toList()));
        layout.render(ctx, 200, "workers", "Workers", content);
    }

    private Html row(WorkerInfo w) {
        return Html.of("""
                <tr data-worker-id="{}"><td class="id">{}</td><td class="host">{}</td><td class="pid">{}</td>
                <td class="state"><span class="state-{}">{}</span></td><td class="job">{}</td>
                <td class="indexes">{}</td><td class="tasks-done">{}</td><td class="uptime">{}</td>
                <td class="restarts">{}</td></tr>
                """, w.id(), w.id(), w.host(), w.pid(), w.state(), w.state(),
                w.job() == null ? Html.EMPTY : Html.of("<a href=\"{}\">{}</a>", layout.ui().to("/jobs/" + w.job()),
                        w.job()), indexes(w), w.tasksDone(), Readable.duration(w.uptimeMs()), w.restarts());
    }

    static String indexes(WorkerInfo w) {
        if (w.firstIndex() == null || w.size() == null) {
            return "";
        }
        return w.size() == 1 ? Long.toString(w.firstIndex()) : w.firstIndex() + "–" + (w.firstIndex() + w.size() - 1);
    }

    private Html scaleForm(Context ctx) {
        if (layout.ui().readOnly()) {
            return Html.EMPTY;
        }
        return Html.of("""
                <form id="scale-form" method="post" action="{}" class="row">{}
                <div class="field"><label for="scale-count">Workers</label>
                <input id="scale-count" name="count" type="number" min="1" max="{}" value="{}" required></div>
                <button type="submit" id="scale-submit">Scale</button></form>
                """, layout.ui().to("/workers/scale"), csrf.field(ctx), WorkersResource.MAX_WORKERS,
                workers.activeCount());
    }
}
