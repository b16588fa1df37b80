package io.mqpool.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqpool.engine.Engine;
import io.mqpool.engine.store.JobRow;
import io.mqpool.engine.store.TaskAttempts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The results section of the job page: one page of outcomes (1,000) from the results endpoint's
 * reader, each failure with its remote type, message, stack trace, argument and attempts, and the
 * links to the other order, the failures only, and the next page by the endpoint's cursor.
 */
final class ResultsTable {

    static final int PAGE = 1_000;
    private static final int MAX_SHOWN_CHARS = 400;

    private final Engine engine;
    private final ResultsResource results;
    private final ObjectMapper mapper;
    private final UiSettings ui;

    ResultsTable(Engine engine, ResultsResource results, ObjectMapper mapper, UiSettings ui) {
        this.engine = engine;
        this.results = results;
        this.mapper = mapper;
        this.ui = ui;
    }

    /**
     * What the page was asked for: {@code ?order=input|completion&only=failed&after=CURSOR&skip=N}.
     * The endpoint's cursor moves by whole chunks, so a chunk larger than a page is shown a page at
     * a time by {@code skip}, the outcomes of the read already shown.
     */
    record Query(boolean inputOrder, boolean onlyFailed, long after, int skip) {
    }

    /** Blocks on the store for one page (and the arguments of its failed tasks). */
    Html render(JobRow job, Query q) {
        ResultsPage page = results.page(job, q.inputOrder(), q.onlyFailed(), q.after(), PAGE);
        int from = Math.min(q.skip(), page.results().size());
        List<ResultItem> items = page.results().subList(from, Math.min(page.results().size(), from + PAGE));
        boolean restOfRead = from + PAGE < page.results().size();
        Map<Long, JsonNode> chunkArgs = new HashMap<>();
        Html rows = Html.join(items.stream().map(item -> row(job, item, chunkArgs)).toList());
        boolean more = restOfRead || (!page.done() && !page.results().isEmpty());
        String nextLink = restOfRead ? link(job, q.inputOrder(), q.onlyFailed(), Long.toString(q.after()), from + PAGE)
                : link(job, q.inputOrder(), q.onlyFailed(), page.next(), 0);
        return Html.of("""
                <section id="results-section" data-done="{}"><h2>Results</h2>
                <nav class="tabs" aria-label="results view">
                <a id="order-input" href="{}"{}>Input order</a>
                <a id="order-completion" href="{}"{}>Completion order</a>
                <a id="only-failed" href="{}"{}>{}</a>
                <a id="download" href="{}" download>Download all outcomes (.jsonl)</a></nav>
                {}
                <div class="table-wrap"><table id="results">
                <thead><tr><th scope="col">Index</th><th scope="col">Outcome</th></tr></thead>
                <tbody>{}</tbody></table></div>
                <nav class="pager" aria-label="result pages">{}{}</nav></section>
                """, page.done() && !restOfRead, link(job, true, q.onlyFailed(), null, 0), current(q.inputOrder()),
                link(job, false, q.onlyFailed(), null, 0), current(!q.inputOrder()),
                link(job, q.inputOrder(), !q.onlyFailed(), null, 0), current(q.onlyFailed()),
                q.onlyFailed() ? "Show all outcomes" : "Only failures",
                ui.to("/api/jobs/" + job.id() + "/outcomes.jsonl"),
                items.isEmpty() ? Html.of("<p class=\"empty\">{}</p>", job.state().isFinished()
                        ? "No outcomes on this page." : "No outcomes yet.") : Html.EMPTY,
                rows, Html.when(q.after() > 0 || q.skip() > 0, Html.of(
                        "<a id=\"results-first\" href=\"{}\">First page</a>",
                        link(job, q.inputOrder(), q.onlyFailed(), null, 0))),
                Html.when(more, Html.of("<a id=\"results-next\" href=\"{}\">Next {} outcomes →</a>", nextLink,
                        PAGE)));
    }

    private Html row(JobRow job, ResultItem item, Map<Long, JsonNode> chunkArgs) {
        if (item.error() == null) {
            return Html.of("<tr data-index=\"{}\"><td>{}</td><td class=\"value\"><code>{}</code></td></tr>\n",
                    item.index(), item.index(), shorten(item.value()));
        }
        ResultItem.Error error = item.error();
        return Html.of("""
                <tr data-index="{}" class="failed"><td>{}</td><td class="error">
                <span class="error-type">{}</span>: <span class="error-message">{}</span>
                <div class="error-facts">argument <code class="argument">{}</code>
                · attempts <span class="attempts">{}</span></div>
                <details><summary>stack trace</summary><pre class="stack">{}</pre></details></td></tr>
                """, item.index(), item.index(), error.type(), error.message(),
                shorten(argument(job, item.index(), chunkArgs)), attempts(job, item.index(), error),
                error.stack());
    }

    /** The argument of a task: chunks hold {@code chunksize} consecutive tasks each. */
    private String argument(JobRow job, long index, Map<Long, JsonNode> chunkArgs) {
        long chunkNo = index / job.chunksize();
        JsonNode args = chunkArgs.computeIfAbsent(chunkNo, n -> engine.jobs().chunkArgs(job.id(), (int) (long) n)
                .map(this::parse).orElse(mapper.createArrayNode()));
        JsonNode arg = args.get((int) (index - chunkNo * job.chunksize()));
        return arg == null ? "?" : arg.toString();
    }

    /** Each worker death counts one attempt; a task that raised was tried once more after them. */
    private String attempts(JobRow job, long index, ResultItem.Error error) {
        Optional<TaskAttempts> deaths = engine.jobs().attempts(job.id(), index);
        int died = deaths.map(TaskAttempts::deaths).orElse(0);
        String type = error.type();
        boolean settledByDeath = type.startsWith("io.mqpool.") && died > 0;
        return Integer.toString(settledByDeath ? died : died + 1);
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored chunk arguments are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private String link(JobRow job, boolean inputOrder, boolean onlyFailed, String after, int skip) {
        return ui.to("/jobs/" + job.id()) + "?order=" + (inputOrder ? "input" : "completion")
                + (onlyFailed ? "&only=failed" : "") + (after == null ? "" : "&after=" + QueryText.encode(after))
                + (skip == 0 ? "" : "&skip=" + skip);
    }

    private static Html current(boolean on) {
        return Html.when(on, Html.of(" aria-current=\"page\" class=\"current\""));
    }

    private static String shorten(String text) {
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "…";
    }
}
