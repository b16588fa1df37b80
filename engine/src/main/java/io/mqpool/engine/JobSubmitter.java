package io.mqpool.engine;

import io.mqpool.engine.dispatch.DispatchedJob;
import io.mqpool.engine.dispatch.Dispatcher;
import io.mqpool.engine.dispatch.LazyInput;
import io.mqpool.engine.dispatch.StoredChunks;
import io.mqpool.engine.events.JobEvents;
import io.mqpool.engine.events.JobSignal;
import io.mqpool.engine.store.JobStore;
import io.mqpool.engine.store.NewChunk;
import io.mqpool.engine.store.NewJob;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/** Stores new jobs and hands them to the dispatcher: the way in for every job. Thread-safe. */
final class JobSubmitter {

    private final JobStore store;
    private final Dispatcher dispatcher;
    private final JobEvents events;
    private final Deadlines deadlines;
    private final Clock clock;
    private final JobIds ids = new JobIds();

    JobSubmitter(JobStore store, Dispatcher dispatcher, JobEvents events, Deadlines deadlines, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.events = events;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /**
     * Stores a job whose input is fully known, all its chunks in one transaction, and starts it.
     *
     * @param retryOf the job whose failed tasks this one runs again, or null
     * @param sourceIndexesJson with {@code retryOf}, the index each task had there, as a JSON array
     */
    JobSignal submit(JobSpec spec, List<String> argsJson, String retryOf, String sourceIndexesJson) {
        String id = ids.next();
        List<NewChunk> chunks = new ArrayList<>();
        for (int first = 0; first < argsJson.size(); first += spec.chunksize()) {
            List<String> slice = argsJson.subList(first, Math.min(argsJson.size(), first + spec.chunksize()));
            chunks.add(new NewChunk(chunks.size(), first, slice.size(), "[" + String.join(",", slice) + "]"));
        }
        JobSignal signal = events.signal(id);
        NewJob job = newJob(id, spec, retryOf, sourceIndexesJson);
        store.create(job, chunks, (long) argsJson.size());
        armDeadline(job);
        if (chunks.isEmpty()) {
            store.finishIfAllDone(id).ifPresent(state -> events.finished(id, state));
        } else {
            dispatcher.add(dispatched(id, spec, false), new StoredChunks(store, id, 0, chunks.size()), 0, 0);
        }
        return signal;
    }

    /**
     * Stores a job whose input is read lazily, as chunks may be sent, and starts it. A limit of
     * the job's own counts a chunk until the caller reports it taken.
     */
    JobSignal submitLazy(JobSpec spec, Iterator<String> argsJson, Consumer<RuntimeException> onInputError) {
        String id = ids.next();
        JobSignal signal = events.signal(id);
        NewJob job = newJob(id, spec, null, null);
        store.create(job, List.of(), null);
        armDeadline(job);
        // Read by a caller who takes its results one by one, and reports each chunk it took.
        dispatcher.add(dispatched(id, spec, true),
                new LazyInput(store, events, id, argsJson, spec.chunksize(), onInputError), 0, 0);
        return signal;
    }

    private static DispatchedJob dispatched(String id, JobSpec spec, boolean limitByConsumer) {
        return new DispatchedJob(id, spec.taskName(), spec.taskTimeoutMillis(), spec.chunkLimit(), limitByConsumer,
                spec.priority());
    }

    private void armDeadline(NewJob job) {
        if (job.jobTimeoutMillis() > 0) {
            deadlines.arm(job.id(), job.createdAt().plusMillis(job.jobTimeoutMillis()));
        }
    }

    private NewJob newJob(String id, JobSpec spec, String retryOf, String sourceIndexesJson) {
        return new NewJob(id, spec.taskName(), spec.mode().name(), spec.chunksize(), spec.taskTimeoutMillis(),
                spec.jobTimeoutMillis(), spec.retries(), spec.retryTimeouts(), spec.maxInFlight(),
                clock.instant(), retryOf, sourceIndexesJson, spec.retentionMillis(), spec.priority().name());
    }
}
