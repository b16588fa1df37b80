package io.mqpool;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.engine.store.JobState;
import io.mqpool.jobs.RegisteredTask;
import io.mqpool.jobs.TaskJson;
import io.mqpool.outcome.TaskOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One job of a pool connected to a server, as its outcomes come back: the pages the server
 * hands out are typed here and held until the caller takes them. A job whose results are read
 * one by one ({@code imap}) holds a bounded window, and is not read further while it is full;
 * one whose result is made at its end holds them all, as an embedded pool does. Thread-safe:
 * the connection's watch fills it, the caller drains it.
 */
final class ServerJob implements OutcomeFeed<Object> {

    /** How many outcomes of an {@code imap} wait here at most before the server is read further. */
    static final int WINDOW = 4_096;

    private final String id;
    private final boolean inputOrder;
    private final boolean bounded;
    private final OutcomeTyping<Object> typing;
    private final List<String> argsJson;
    private final Deque<Outcome<Object>> ready = new ArrayDeque<>();
    private String cursor;
    private long received;
    private JobState state = JobState.RUNNING;
    private boolean done;
    /** Set by a pool that closes: nobody takes the outcomes any more, so none is kept. */
    private boolean draining;

    /**
     * @param argsJson the job's arguments, for a failed task's exception to name its own
     * @param bounded whether the caller takes outcomes one by one, so that only a window is held
     */
    ServerJob(String id, RegisteredTask task, TaskJson json, List<String> argsJson, boolean inputOrder,
              boolean bounded) {
        this.id = id;
        this.inputOrder = inputOrder;
        this.bounded = bounded;
        this.typing = new OutcomeTyping<>(json, task, id);
        this.argsJson = argsJson;
    }

    String id() {
        return id;
    }

    boolean inputOrder() {
        return inputOrder;
    }

    synchronized String cursor() {
        return cursor;
    }

    /** Whether the watch should read more of this job now. */
    synchronized boolean wantsMore() {
        return !done && (!bounded || draining || ready.size() < WINDOW);
    }

    synchronized boolean done() {
        return done;
    }

    /**
     * Takes in one page of {@code GET /api/jobs/{id}/results}.
     *
     * @return whether it held anything new: an outcome, or the job's end
     */
    synchronized boolean accept(JsonNode page) {
        JsonNode items = page.path("results");
        for (JsonNode item : items) {
            long index = item.path("index").asLong();
            Outcome<Object> outcome = typing.typed(index, outcomeOf(item), () -> argument(index));
            received++;
            if (!draining) {
                ready.add(outcome);
            }
        }
        if (page.hasNonNull("next")) {
            cursor = page.get("next").asText();
        }
        if (page.path("done").asBoolean(false)) {
            done = true;
            state = JobState.valueOf(page.path("state").asText(JobState.FAILED.name()));
        }
        return !items.isEmpty() || done;
    }

    /** The job ended as {@code state} without the watch reading it so: cancelled by this pool. */
    synchronized void ended(JobState ended) {
        done = true;
        state = ended;
    }

    /** Keeps no more outcomes: the pool closes and nobody will take them. */
    synchronized void drain() {
        draining = true;
        ready.clear();
    }

    /** Every outcome received, in the order the server handed them out; for a job's result at its end. */
    synchronized List<Outcome<Object>> all() {
        List<Outcome<Object>> all = new ArrayList<>(ready);
        ready.clear();
        return all;
    }

    @Override
    public synchronized List<List<Outcome<Object>>> next(int limit) {
        List<List<Outcome<Object>>> page = new ArrayList<>(Math.min(limit, ready.size()));
        while (page.size() < limit && !ready.isEmpty()) {
            page.add(List.of(ready.poll()));
        }
        return page;
    }

    /**
     * Each outcome counts as a chunk of its own here. A job that was cancelled or timed out
     * never has a total, so that the caller is told so once the outcomes before are out.
     */
    @Override
    public synchronized Standing standing() {
        boolean complete = done && (state == JobState.COMPLETED || state == JobState.FAILED);
        return new Standing(complete ? Math.toIntExact(received) : null, done ? state : JobState.RUNNING);
    }

    private String argument(long index) {
        return index >= 0 && index < argsJson.size() ? argsJson.get((int) index) : "?";
    }

    /** A result item as the API shows it ({@code value}, or {@code error} with its printed stack). */
    private static TaskOutcome outcomeOf(JsonNode item) {
        JsonNode error = item.get("error");
        if (error == null || error.isNull()) {
            return new TaskOutcome.Value(item.path("value").toString());
        }
        String stack = error.path("stack").asText("");
        return new TaskOutcome.Failure(error.path("type").asText(), error.path("message").asText(""), List.of(),
                null, null, stack.isEmpty() ? null : stack);
    }
}
