package io.mqpool;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.app.client.ApiClient;
import io.mqpool.app.client.ApiRefusedException;
import io.mqpool.app.client.ResultOrder;
import io.mqpool.app.client.ServerUnreachableException;
import io.mqpool.engine.events.JobEvents;
import io.mqpool.engine.store.JobState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The one thread of a connected pool that reads its unfinished jobs' outcomes from the server
 * and tells their waiters. A lone job is long-polled (the server answers as soon as its next
 * outcome is recorded); several are each asked without waiting, and when none had anything new
 * one of them, in turn, is long-polled briefly, so that a connected pool holds one of the
 * server's request threads however many jobs it has out.
 *
 * <p>A server that stops answering is asked again for {@link #PATIENCE_MILLIS}, so that a
 * restart (which resumes every job) goes unnoticed; after that each unfinished job fails with a
 * {@link PoolConnectionException}.
 */
final class ServerWatch {

    /** How long a lone job's long-poll waits on the server, at most. */
    private static final int LONE_WAIT_MS = 1_000;
    /** How long the turn of one of several jobs waits on the server when none had anything new. */
    private static final int TURN_WAIT_MS = 100;
    private static final int PAGE = 1_000;
    /** How long a server that does not answer is asked again before its jobs fail. */
    static final long PATIENCE_MILLIS = 5_000;
    private static final long RETRY_PAUSE_MILLIS = 200;

    private final ApiClient api;
    private final JobEvents events;
    private final Map<String, ServerJob> jobs = new LinkedHashMap<>();
    private final Thread thread;
    private boolean stopped;
    private int turn;
    /** When the server first failed to answer in the current run of failures; 0 while it answers. */
    private long unreachableSince;

    ServerWatch(ApiClient api, JobEvents events) {
        this.api = api;
        this.events = events;
        this.thread = new Thread(this::run, "mqpool-server-watch");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void add(ServerJob job) {
        jobs.put(job.id(), job);
        notifyAll();
    }

    /** The caller took outcomes of a job held at its window: there may be room to read on. */
    synchronized void roomMade() {
        notifyAll();
    }

    synchronized List<ServerJob> unfinished() {
        return List.copyOf(jobs.values());
    }

    /** A job this pool ended itself (cancelled): no longer read. */
    synchronized void forget(String jobId) {
        jobs.remove(jobId);
    }

    /** Stops the thread and waits for it; the jobs still out are no longer read. */
    void stop() {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        thread.interrupt(); // ends a long-poll in progress
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            List<ServerJob> readable = awaitReadable();
            if (readable == null) {
                return;
            }
            try {
                readRound(readable);
                unreachableSince = 0;
            } catch (ServerUnreachableException e) {
                if (stopping()) {
                    return;
                }
                serverDidNotAnswer(e);
            }
        }
    }

    /** The jobs that want reading, waiting until there is one; null once stopped. */
    private synchronized List<ServerJob> awaitReadable() {
        while (!stopped) {
            List<ServerJob> readable = new ArrayList<>();
            for (ServerJob job : jobs.values()) {
                if (job.wantsMore()) {
                    readable.add(job);
                }
            }
            if (!readable.isEmpty()) {
                return readable;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                return null;
            }
        }
        return null;
    }

    private synchronized boolean stopping() {
        return stopped;
    }

    private void readRound(List<ServerJob> readable) {
        if (readable.size() == 1) {
            read(readable.get(0), LONE_WAIT_MS);
            return;
        }
        boolean anything = false;
        for (ServerJob job : readable) {
            anything |= read(job, 0);
        }
        if (!anything) {
            read(readable.get(Math.floorMod(turn++, readable.size())), TURN_WAIT_MS);
        }
    }

    /** Reads one page of a job's outcomes; whether it held anything new. */
    private boolean read(ServerJob job, int waitMs) {
        JsonNode page;
        try {
            page = api.results(job.id(), job.inputOrder() ? ResultOrder.INPUT : ResultOrder.COMPLETION, job.cursor(),
                    PAGE, waitMs);
        } catch (ApiRefusedException e) {
            // Deleted on the server, or no longer readable: nothing more will come.
            finishFailed(job, new IllegalStateException("the server at " + api.http().server() + " no longer "
                    + "hands out the results of job " + job.id() + ": " + e.getMessage(), e));
            return true;
        }
        boolean news = job.accept(page);
        if (job.done()) {
            forget(job.id());
            events.finished(job.id(), job.standing().state());
        } else if (news) {
            events.changed(job.id());
        }
        return news;
    }

    private void serverDidNotAnswer(ServerUnreachableException e) {
        long now = System.nanoTime();
        if (unreachableSince == 0) {
            unreachableSince = now;
        }
        if (now - unreachableSince < TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS)) {
            synchronized (this) {
                try {
                    wait(RETRY_PAUSE_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return;
        }
        PoolConnectionException lost = new PoolConnectionException("lost the server: " + e.getMessage()
                + " (for " + TimeUnit.MILLISECONDS.toSeconds(PATIENCE_MILLIS) + " s); its jobs go on there, "
                + "read their results with mqpool results ID", e);
        for (ServerJob job : unfinished()) {
            finishFailed(job, lost);
        }
        unreachableSince = 0;
    }

    private void finishFailed(ServerJob job, RuntimeException reason) {
        forget(job.id());
        job.ended(JobState.FAILED);
        events.failed(job.id(), reason);
    }
}
