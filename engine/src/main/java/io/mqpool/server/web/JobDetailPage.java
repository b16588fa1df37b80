package io.mqpool.server.web;

import io.javalin.http.Context;
import io.mqpool.engine.store.JobRow;

/**
 * {@code GET /jobs/{id}?order=input|completion&only=failed&after=CURSOR}: a job's counts, options,
 * timings, actions, charts and one page of its results.
 */
final class JobDetailPage {

    private final Layout layout;
    private final JobViews views;
    private final ResultsTable results;
    private final Csrf csrf;

    JobDetailPage(Layout layout, JobViews views, ResultsTable results, Csrf csrf) {
        this.layout = layout;
        this.views = views;
        this.results = results;
        this.csrf = csrf;
    }

    /** Blocks on the store. @throws ApiException 404 for an unknown job */
    void show(Context ctx) {
        JobRow row = views.require(ctx.pathParam("id"));
        JobView job = views.view(row);
        String order = ctx.queryParam("order");
        if (order != null && !order.equals("input") && !order.equals("completion")) {
            throw ApiException.badRequest("query parameter 'order' must be input or completion, not '" + order + "'");
        }
        Long after = Params.cursor(ctx, "after");
        ResultsTable.Query query = new ResultsTable.Query(!"completion".equals(order),
                "failed".equals(ctx.queryParam("only")), after == null ? 0 : after,
                Params.intParam(ctx, "skip", 0, 0, Integer.MAX_VALUE));
        String api = layout.ui().to("/api/jobs/" + job.id());
        Html content = Html.of("""
                <h1>Job <code>{}</code></h1>
                <section id="job-summary" data-api="{}" data-state="{}">
                <p class="big"><span id="job-state" class="state-{}">{}</span>
                <progress id="job-progress" value="{}" max="{}"></progress>
                <span><span id="job-done">{}</span> / <span id="job-total">{}</span> done,
                <span id="job-failed">{}</span> failed</span></p>
                <dl class="facts">
                <dt>Task</dt><dd id="job-task">{}</dd><dt>Mode</dt><dd>{}</dd>
                <dt>Chunk size</dt><dd>{}</dd><dt>Retries</dt><dd>{}</dd>
                <dt>Priority</dt><dd id="job-priority">{}</dd>
                <dt>Task timeout</dt><dd>{}</dd><dt>Job timeout</dt><dd>{}</dd>
                <dt>Created</dt><dd id="job-created">{}</dd><dt>Finished</dt><dd id="job-finished">{}</dd>
                <dt>Elapsed</dt><dd id="job-elapsed">{}</dd><dt>Rate</dt><dd id="job-rate">{}</dd>
                <dt>ETA</dt><dd id="job-eta">{}</dd>{}
                </dl></section>
                {}
                <div class="charts">
                <section class="chart-box"><h2>Throughput (tasks finished)</h2>{}</section>
                <section class="chart-box"><h2>Task durations</h2>{}</section>
                </div>
                {}
                """, job.id(), api, job.state(), job.state().toLowerCase(java.util.Locale.ROOT), job.state(),
                job.done(), job.total() == null ? Math.max(1, job.done()) : Math.max(1, job.total()), job.done(),
                job.total() == null ? "?" : job.total(), job.failed(), job.task(), job.mode(), job.chunksize(),
                job.retries(), job.priority(), orNone(job.taskTimeout()), orNone(job.timeout()), Readable.time(job.createdAt()),
                job.finishedAt() == null ? "—" : Readable.time(job.finishedAt()), Readable.duration(job.elapsedMs()),
                Readable.rate(job.ratePerSecond()), Readable.eta(job), retryOf(job), actions(ctx, job),
                Charts.svg("job-throughput", api + "/stats", "throughput", "tasks finished over time"),
                Charts.svg("task-durations", api + "/stats", "durations", "histogram of task durations"),
                results.render(row, query));
        layout.render(ctx, 200, "job", "Job " + job.id(), content);
    }

    /** Cancel while running; re-run failed and delete once finished. None in read-only mode. */
    private Html actions(Context ctx, JobView job) {
        if (layout.ui().readOnly()) {
            return Html.of("<section id=\"actions\"></section>");
        }
        boolean running = "RUNNING".equals(job.state());
        String base = layout.ui().to("/jobs/" + job.id());
        return Html.of("<section id=\"actions\" class=\"row\">{}{}{}</section>",
                Html.when(running, button(ctx, base + "/cancel", "cancel", "Cancel job")),
                Html.when(!running && job.failed() > 0, button(ctx, base + "/retry-failed", "retry-failed",
                        "Re-run the " + job.failed() + " failed tasks as a new job")),
                Html.when(!running, button(ctx, base + "/delete", "delete", "Delete job")));
    }

    private Html button(Context ctx, String action, String id, String label) {
        return Html.of("<form method=\"post\" action=\"{}\">{}<button type=\"submit\" id=\"{}\">{}</button></form>",
                action, csrf.field(ctx), id, label);
    }

    private Html retryOf(JobView job) {
        return Html.when(job.retryOf() != null, Html.of(
                "<dt>Re-run of</dt><dd id=\"job-retry-of\"><a href=\"{}\">{}</a> (its failed tasks)</dd>",
                layout.ui().to("/jobs/" + job.retryOf()), job.retryOf()));
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }
}
