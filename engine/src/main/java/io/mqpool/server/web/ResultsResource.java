package io.mqpool.server.web;

import io.javalin.http.Context;
import io.mqpool.engine.Engine;
import io.mqpool.engine.ResultCursor;
import io.mqpool.engine.events.JobSignal;
import io.mqpool.engine.store.ChunkOutcomes;
import io.mqpool.engine.store.JobRow;
import io.mqpool.engine.store.TaskAttempts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/jobs/{id}/results?order=input|completion&only=failed&runs=true&after=CURSOR&limit=N&waitMs=MS}.
 *
 * <p>With {@code runs=true} each item also says how its task ran (worker, times, attempt, exit;
 * see {@link ResultItem.Run}), for {@code mqpool results --joblog}.
 *
 * <p>The cursor is the next chunk number in input order and the last completion number in
 * completion order; clients treat it as opaque. With {@code waitMs} and nothing new, the handler
 * blocks its request thread on the job's signal for at most that long (60 s at most), which
 * holds one of Jetty's threads but never another request.
 */
final class ResultsResource {

    private static final int DEFAULT_LIMIT = 1_000;
    private static final int MAX_LIMIT = 10_000;
    private static final int MAX_WAIT_MS = 60_000;

    private final Engine engine;
    private final JsonCodec json;
    private final JobViews views;
    private final OutcomeItems items;

    ResultsResource(Engine engine, JsonCodec json, JobViews views) {
        this.engine = engine;
        this.json = json;
        this.views = views;
        this.items = new OutcomeItems();
    }

    void results(Context ctx) {
        String jobId = ctx.pathParam("id");
        boolean inputOrder = inputOrder(ctx.queryParam("order"));
        Long after = Params.cursor(ctx, "after");
        int limit = Params.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int waitMs = Params.intParam(ctx, "waitMs", 0, 0, MAX_WAIT_MS);
        boolean onlyFailed = onlyFailed(ctx.queryParam("only"));
        boolean runs = runs(ctx.queryParam("runs"));
        Query query = new Query(jobId, inputOrder, onlyFailed, runs, after == null ? 0 : after, limit);
        JobRow job = views.require(jobId);
        ResultsPage page = read(job, query);
        if (page.results().isEmpty() && waitMs > 0 && !job.state().isFinished()) {
            page = await(query, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs));
        }
        json.write(ctx, 200, page);
    }

    /** Waits on the job's signal until a page has results, the job finishes, or the deadline. */
    private ResultsPage await(Query query, long deadline) {
        JobSignal signal = engine.events().signal(query.jobId());
        JobRow job = null;
        try {
            while (true) {
                // The version is taken before the store is read, so a change in between is not lost.
                long seen = signal.version();
                job = views.require(query.jobId());
                ResultsPage page = read(job, query);
                long left = deadline - System.nanoTime();
                if (!page.results().isEmpty() || job.state().isFinished() || left <= 0
                        || signal.finished().isDone()) {
                    return page;
                }
                signal.awaitChange(seen, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return read(views.require(query.jobId()), query);
        } finally {
            if (job == null || job.state().isFinished()) {
                // A signal made for a job that had already finished would never be dropped.
                engine.events().release(query.jobId(), signal);
            }
        }
    }

    /** One page of a job's outcomes, as {@code GET /api/jobs/{id}/results} reads it (for the job page). */
    ResultsPage page(JobRow job, boolean inputOrder, boolean onlyFailed, long after, int limit) {
        return read(job, new Query(job.id(), inputOrder, onlyFailed, false, after, limit));
    }

    private ResultsPage read(JobRow job, Query query) {
        boolean finished = job.state().isFinished();
        int chunks = Math.max(1, query.limit() / job.chunksize());
        List<ChunkOutcomes> found;
        String next;
        boolean reachedEnd;
        if (query.inputOrder()) {
            int from = (int) Math.min(Integer.MAX_VALUE, query.after());
            // A finished job's missing chunks never come: skip them rather than stop at the gap.
            ResultCursor cursor = finished ? engine.results().recordedInInputOrder(job.id(), from, query.onlyFailed())
                    : engine.results().inInputOrder(job.id(), from);
            found = cursor.next(chunks);
            int nextChunk = cursor.nextChunk();
            next = Integer.toString(nextChunk);
            reachedEnd = found.size() < chunks || (job.totalChunks() != null && nextChunk >= job.totalChunks());
        } else {
            ResultCursor cursor = engine.results().inCompletionOrder(job.id(), query.after(), query.onlyFailed());
            found = cursor.next(chunks);
            next = Long.toString(cursor.lastSeq());
            reachedEnd = found.size() < chunks;
        }
        List<ResultItem> results = new ArrayList<>();
        Map<Long, TaskAttempts> attempts = query.runs() ? attempts(job.id(), found) : null;
        for (ChunkOutcomes chunk : found) {
            items.expand(job.id(), chunk, query.onlyFailed(), attempts, results);
        }
        return new ResultsPage(results, next, finished && reachedEnd, job.state().name());
    }

    /** The deaths recorded against the tasks of {@code chunks}, by task index: one read for the page. */
    private Map<Long, TaskAttempts> attempts(String jobId, List<ChunkOutcomes> chunks) {
        Map<Long, TaskAttempts> byIndex = new HashMap<>();
        if (chunks.isEmpty()) {
            return byIndex;
        }
        long from = chunks.stream().mapToLong(ChunkOutcomes::firstIndex).min().getAsLong();
        long to = chunks.stream().mapToLong(chunk -> chunk.firstIndex() + chunk.size()).max().getAsLong();
        for (TaskAttempts attempt : engine.jobs().attempts(jobId, from, to)) {
            byIndex.put(attempt.taskIndex(), attempt);
        }
        return byIndex;
    }

    private static boolean runs(String runs) {
        if (runs == null || runs.isBlank() || runs.equals("false")) {
            return false;
        }
        if (runs.equals("true")) {
            return true;
        }
        throw ApiException.badRequest("query parameter 'runs' must be true or false, not '" + runs + "'");
    }

    private static boolean inputOrder(String order) {
        if (order == null || order.isBlank() || order.equals("input")) {
            return true;
        }
        if (order.equals("completion")) {
            return false;
        }
        throw ApiException.badRequest("query parameter 'order' must be input or completion, not '" + order + "'");
    }

    private static boolean onlyFailed(String only) {
        if (only == null || only.isBlank()) {
            return false;
        }
        if (only.equals("failed")) {
            return true;
        }
        throw ApiException.badRequest("query parameter 'only' must be failed, not '" + only + "'");
    }

    private record Query(String jobId, boolean inputOrder, boolean onlyFailed, boolean runs, long after, int limit) {
    }
}
