package io.mqpool.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.mqpool.engine.Engine;
import io.mqpool.engine.ResultCursor;
import io.mqpool.engine.store.ChunkOutcomes;
import io.mqpool.engine.store.JobRow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/jobs/{id}/outcomes.jsonl}: every recorded outcome of a job, one JSON object a
 * line in index order, the objects of the results endpoint.
 *
 * <p>The body is written while the store is read, a page of chunks at a time, and flushed after
 * each page, so a job of any size costs one page of memory; the request thread blocks on the
 * store and on the client reading.
 */
final class OutcomesDownload {

    /** Chunks read from the store per page. */
    static final int PAGE_CHUNKS = 200;
    static final String NDJSON = "application/x-ndjson";

    /** Reads chunks {@code fromChunk ..} that have outcomes, in chunk order, at most {@code limit}. */
    @FunctionalInterface
    interface Pages {
        List<ChunkOutcomes> read(int fromChunk, int limit);
    }

    private final JobViews views;
    private final ObjectMapper mapper;
    private final OutcomeItems items;
    private final Engine engine;

    OutcomesDownload(Engine engine, JobViews views, ObjectMapper mapper) {
        this.engine = engine;
        this.views = views;
        this.mapper = mapper;
        this.items = new OutcomeItems();
    }

    void download(Context ctx) {
        JobRow job = views.require(ctx.pathParam("id"));
        ctx.status(200).contentType(NDJSON)
                .header("Content-Disposition", "attachment; filename=\"" + job.id() + ".jsonl\"");
        try {
            OutputStream out = ctx.outputStream();
            ResultCursor cursor = engine.results().recordedInInputOrder(job.id(), 0, false);
            write(job.id(), (from, limit) -> cursor.next(limit), out);
            out.flush();
        } catch (IOException e) {
            // The client went away mid-download; there is nobody left to answer.
            throw new UncheckedIOException("the download of job " + job.id() + " was cut", e);
        }
    }

    /** Writes every page to {@code out}, flushing after each, before the next is read. */
    void write(String jobId, Pages pages, OutputStream out) throws IOException {
        int from = 0;
        List<ResultItem> lines = new ArrayList<>();
        while (true) {
            List<ChunkOutcomes> page = pages.read(from, PAGE_CHUNKS);
            if (page.isEmpty()) {
                return;
            }
            lines.clear();
            for (ChunkOutcomes chunk : page) {
                items.expand(jobId, chunk, false, lines);
            }
            for (ResultItem line : lines) {
                out.write(mapper.writeValueAsBytes(line));
                out.write('\n');
            }
            out.flush();
            from = page.get(page.size() - 1).chunkNo() + 1;
        }
    }
}
