package io.mqpool.server.web;

import io.javalin.http.Context;
import io.mqpool.engine.Engine;
import io.mqpool.engine.store.JobRow;
import io.mqpool.engine.store.JobState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /jobs?state=S&task=TEXT&before=CURSOR&back=CURSORS}: one page of jobs, newest first,
 * read from the store by the same cursor as {@code GET /api/jobs} (never all jobs). {@code back}
 * carries the cursors of the pages before, so "previous" needs no cursor the API lacks.
 */
final class JobsPage {

    private static final int PAGE = 50;
    private static final int MAX_BACK = 50;

    private final Layout layout;
    private final Engine engine;
    private final JobViews views;
    private final Csrf csrf;

    JobsPage(Layout layout, Engine engine, JobViews views, Csrf csrf) {
        this.layout = layout;
        this.engine = engine;
        this.views = views;
        this.csrf = csrf;
    }

    /** Blocks on the store for one page. */
    void show(Context ctx) {
        JobState state = JobsResource.state(ctx.queryParam("state"));
        String task = ctx.queryParam("task") == null ? "" : ctx.queryParam("task").strip();
        Long before = Params.cursor(ctx, "before");
        List<String> back = back(ctx.queryParam("back"));
        List<JobRow> rows = engine.jobs().jobsNewestFirst(state, task.isEmpty() ? null : task, before, PAGE + 1);
        boolean more = rows.size() > PAGE;
        List<JobView> jobs = views.views(more ? rows.subList(0, PAGE) : rows);
        String next = more ? Long.toString(rows.get(PAGE - 1).seq()) : null;
        Html content = Html.of("""
                <h1>Jobs</h1>
                <form id="filter-form" method="get" action="{}" class="row">
                <div class="field"><label for="state-filter">State</label>
                <select id="state-filter" name="state">{}</select></div>
                <div class="field"><label for="task-search">Task name contains</label>
                <input id="task-search" name="task" type="search" value="{}"></div>
                <button type="submit" id="filter-submit">Filter</button>
                </form>
                {}
                <div class="table-wrap"><table id="jobs" data-api="{}">
                <thead><tr><th scope="col"><span class="visually-hidden">Select</span></th><th scope="col">Job</th>
                <th scope="col">State</th><th scope="col">Task</th><th scope="col">Progress</th>
                <th scope="col">Rate</th>
                <th scope="col">ETA</th><th scope="col">Created</th><th scope="col">Elapsed</th></tr></thead>
                <tbody>{}</tbody></table></div>
                {}
                <nav class="pager" aria-label="pages">{}{}</nav>
                <section class="chart-box"><h2>Tasks finished per minute (all jobs, last hour)</h2>
                {}</section>
                """, layout.ui().to("/jobs"), stateOptions(state), task,
                jobs.isEmpty() ? Html.of("<p id=\"jobs-empty\" class=\"empty\">No jobs{}.</p>",
                        state != null || !task.isEmpty() ? " match" : " yet") : Html.EMPTY,
                apiQuery(state, task, before), Html.join(jobs.stream().map(this::row).toList()), bulkForm(ctx),
                prevLink(state, task, back), nextLink(state, task, before, back, next),
                Charts.svg("throughput-chart", layout.ui().to("/api/stats/throughput?minutes=60"), "perMinute",
                        "tasks finished per minute"));
        layout.render(ctx, 200, "jobs", "Jobs", content);
    }

    private Html row(JobView job) {
        return Html.of("""
                <tr data-job-id="{}" data-state="{}"><td><input type="checkbox" class="select-job" name="ids" \
                value="{}" form="bulk-form" aria-label="select job {}"></td>
                <td><a href="{}">{}</a></td><td class="state"><span class="state-{}">{}</span></td>
                <td class="task">{}</td><td><progress class="job-progress" value="{}" max="{}"></progress>
                <span class="counts">{}</span></td><td class="rate">{}</td><td class="eta">{}</td>
                <td class="created">{}</td><td class="elapsed">{}</td></tr>
                """, job.id(), job.state(), job.id(), job.id(), layout.ui().to("/jobs/" + job.id()), job.id(),
                job.state().toLowerCase(Locale.ROOT), job.state(), job.task(), job.done(),
                job.total() == null ? Math.max(1, job.done()) : Math.max(1, job.total()), Readable.counts(job),
                Readable.rate(job.ratePerSecond()), Readable.eta(job), Readable.time(job.createdAt()),
                Readable.duration(job.elapsedMs()));
    }

    private Html bulkForm(Context ctx) {
        if (layout.ui().readOnly()) {
            return Html.EMPTY;
        }
        return Html.of("""
                <form id="bulk-form" method="post" action="{}">{}
                <button type="submit" id="rerun-failed">Re-run failed tasks of the selected jobs</button></form>
                """, layout.ui().to("/jobs/retry-failed"), csrf.field(ctx));
    }

    private Html prevLink(JobState state, String task, List<String> back) {
        if (back.isEmpty()) {
            return Html.EMPTY;
        }
        String before = back.get(back.size() - 1);
        List<String> rest = back.subList(0, back.size() - 1);
        return Html.of("<a id=\"prev-page\" href=\"{}\">← Newer</a>",
                link(state, task, before.equals("0") ? null : before, rest));
    }

    private Html nextLink(JobState state, String task, Long before, List<String> back, String next) {
        if (next == null) {
            return Html.EMPTY;
        }
        List<String> newBack = new ArrayList<>(back);
        newBack.add(before == null ? "0" : before.toString());
        if (newBack.size() > MAX_BACK) {
            newBack.remove(0);
        }
        return Html.of("<a id=\"next-page\" href=\"{}\">Older →</a>", link(state, task, next, newBack));
    }

    private String link(JobState state, String task, String before, List<String> back) {
        List<String> query = new ArrayList<>();
        if (state != null) {
            query.add("state=" + state.name());
        }
        if (!task.isEmpty()) {
            query.add("task=" + QueryText.encode(task));
        }
        if (before != null) {
            query.add("before=" + before);
        }
        if (!back.isEmpty()) {
            query.add("back=" + String.join(",", back));
        }
        return layout.ui().to("/jobs") + (query.isEmpty() ? "" : "?" + String.join("&", query));
    }

    /** The JSON the live script polls for the same page. */
    private String apiQuery(JobState state, String task, Long before) {
        return layout.ui().to("/api/jobs?limit=" + PAGE) + (state == null ? "" : "&state=" + state.name())
                + (task.isEmpty() ? "" : "&task=" + QueryText.encode(task))
                + (before == null ? "" : "&before=" + before);
    }

    private static Html stateOptions(JobState chosen) {
        List<Html> options = new ArrayList<>();
        options.add(Html.of("<option value=\"\">any</option>"));
        for (JobState s : JobState.values()) {
            options.add(Html.of("<option value=\"{}\"{}>{}</option>", s.name(),
                    Html.when(s == chosen, Html.of(" selected")), s.name().toLowerCase(Locale.ROOT)));
        }
        return Html.join(options);
    }

    private static List<String> back(String given) {
        if (given == null || given.isBlank()) {
            return List.of();
        }
        return Arrays.stream(given.split(",")).filter(c -> c.matches("\\d{1,19}")).limit(MAX_BACK).toList();
    }
}
