package io.mqpool;

import io.mqpool.engine.Engine;
import io.mqpool.engine.JobMode;
import io.mqpool.engine.JobSpec;
import io.mqpool.engine.ResultCursor;
import io.mqpool.engine.events.JobSignal;
import io.mqpool.engine.store.ChunkOutcomes;
import io.mqpool.jobs.RegisteredTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs of one {@link Pool}: submits them to the engine, ties each to the object that hands
 * its results back ({@link AsyncResult}, {@link ResultSequence}), and knows which are still
 * unfinished, so that closing the pool can wait for them. Thread-safe.
 */
final class PoolJobs {

    private static final Logger log = LoggerFactory.getLogger(PoolJobs.class);
    /** While closing waits, it says this often which jobs it waits for. */
    private static final Duration WAIT_REPORT_INTERVAL = Duration.ofSeconds(10);

    private final Engine engine;
    private final JobOptions defaults;
    private final CallbackThread callbacks;
    private final Set<JobSignal> unfinished = ConcurrentHashMap.newKeySet();
    /** Results not ready yet (outcome unread or callbacks not run): made ready before the store closes. */
    private final Set<AsyncResult<?>> unsettled = ConcurrentHashMap.newKeySet();
    /** How the pool stopped ("closed", "terminated") once its store is closing; null before. */
    private volatile String storeClosedBy;

    PoolJobs(Engine engine, JobOptions defaults, CallbackThread callbacks) {
        this.engine = engine;
        this.defaults = defaults;
        this.callbacks = callbacks;
    }

    /** Submits a job whose arguments are all known; its result is made by {@code assembly} once it ends. */
    <R> AsyncResult<R> submitAll(RegisteredTask task, JobMode mode, List<String> argsJson, JobOptions options,
                                 ResultAssembly<R> assembly) {
        JobOptions effective = options.orElse(defaults);
        int chunksize = effective.chunksize() != null ? effective.chunksize()
                : mode == JobMode.APPLY ? 1 : defaultChunksize(argsJson.size());
        JobSignal signal = track(engine.submit(spec(task, mode, chunksize, effective), argsJson));
        OutcomeReader<Object> reader = new OutcomeReader<>(engine.results(), engine.json(), task, signal.jobId());
        AsyncResult<R> result = new AsyncResult<>(signal, () -> assembly.assemble(this, reader),
                stopRunning -> engine.cancel(signal.jobId(), stopRunning), callbacks, unsettled::remove);
        unsettled.add(result);
        if (result.ready()) {
            unsettled.remove(result); // it was settled before it was added
        }
        return result;
    }

    /** Submits a job whose arguments are read as its chunks may be sent. */
    <R> ResultSequence<R> submitLazy(RegisteredTask task, JobMode mode, ArgumentEncoder.LazyArguments input,
                                     JobOptions options, boolean inputOrder) {
        JobOptions effective = options.orElse(defaults);
        int chunksize = effective.chunksize() != null ? effective.chunksize() : 1;
        // The dispatcher is told of the input's failure by a marker; the caller's own exception
        // is kept by the input. Anything else that stops the reading is kept here.
        AtomicReference<RuntimeException> readError = new AtomicReference<>();
        JobSignal signal = track(engine.submitLazy(spec(task, mode, chunksize, effective), input, readError::set));
        OutcomeReader<R> reader = new OutcomeReader<>(engine.results(), engine.json(), task, signal.jobId());
        ResultCursor cursor = inputOrder ? engine.results().inInputOrder(signal.jobId(), 0)
                : engine.results().inCompletionOrder(signal.jobId(), 0, false);
        return new ResultSequence<>(signal, cursor, engine.jobs(), reader, inputOrder,
                new ResultSequence.Hooks(() -> engine.cancel(signal.jobId()),
                        () -> input.failure() != null ? input.failure() : readError.get(), () -> storeClosedBy,
                        chunks -> engine.chunksTaken(signal.jobId(), chunks)));
    }

    /** Every outcome of a finished job, in input order. */
    <R> List<Outcome<R>> outcomes(OutcomeReader<?> reader) {
        @SuppressWarnings("unchecked")
        OutcomeReader<R> typed = (OutcomeReader<R>) reader;
        List<Outcome<R>> all = new ArrayList<>();
        ResultCursor cursor = engine.results().inInputOrder(reader.jobId(), 0);
        while (true) {
            List<ChunkOutcomes> page = cursor.next(1_000);
            if (page.isEmpty()) {
                return all;
            }
            for (ChunkOutcomes chunk : page) {
                all.addAll(typed.read(chunk));
            }
        }
    }

    /** Every result of a finished job in input order; throws the lowest-indexed failure. */
    <R> List<R> values(OutcomeReader<?> reader) {
        List<R> values = new ArrayList<>();
        for (Outcome<R> outcome : this.<R>outcomes(reader)) {
            values.add(outcome.value());
        }
        return values;
    }

    /**
     * Blocks until every job submitted so far has finished and every result is ready (its
     * callbacks run), saying every 10 s which jobs it still waits for. Lifts the jobs' own limits
     * on tasks in flight first: nobody may take the results of a sequence left half read.
     */
    void awaitAll() {
        engine.liftInFlightLimits();
        long reportEvery = WAIT_REPORT_INTERVAL.toMillis();
        for (JobSignal signal : List.copyOf(unfinished)) {
            while (!finishedWithin(signal, reportEvery)) {
                List<String> waiting = unfinished.stream().map(JobSignal::jobId).sorted().toList();
                log.info("close() waits for {} unfinished job{} ({}): cancel them, or call terminate() to stop at once",
                        waiting.size(), waiting.size() == 1 ? "" : "s", String.join(", ", waiting));
            }
        }
        for (AsyncResult<?> result : List.copyOf(unsettled)) {
            result.awaitReady();
        }
    }

    /** Waits up to {@code millis} for the job to end; an interrupt is kept for the caller and the wait goes on. */
    private static boolean finishedWithin(JobSignal signal, long millis) {
        try {
            signal.finished().handle((jobState, error) -> null).get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            // close() has always waited through an interrupt: it is passed on once the wait is over.
            Thread.currentThread().interrupt();
            signal.finished().handle((jobState, error) -> null).join();
            return true;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** Cancels every result not ready yet, dropping its callbacks. */
    void abandonUnsettled() {
        for (AsyncResult<?> result : List.copyOf(unsettled)) {
            result.abandon();
        }
    }

    /** Tells the pool's sequences how the pool stopped, before the store they read closes. */
    void storeClosing(String how) {
        storeClosedBy = how;
    }

    private JobSignal track(JobSignal signal) {
        unfinished.add(signal);
        signal.finished().whenComplete((jobState, error) -> unfinished.remove(signal));
        return signal;
    }

    private static JobSpec spec(RegisteredTask task, JobMode mode, int chunksize, JobOptions options) {
        return new JobSpec(task.name(), mode, chunksize, millis(options.taskTimeout()),
                millis(options.jobTimeout()), options.retries(),
                options.maxInFlight() == null ? 0 : options.maxInFlight(),
                Boolean.TRUE.equals(options.retryTimeouts()));
    }

    private static long millis(Duration duration) {
        return duration == null ? 0 : Math.max(1, duration.toMillis());
    }

    /** Python's rule: ceil(n / (4 × workers)), at least 1. */
    private int defaultChunksize(int tasks) {
        int slots = 4 * engine.settings().worker().count();
        return Math.max(1, (tasks + slots - 1) / slots);
    }

    /** Turns a finished job's outcomes into the caller's result. */
    @FunctionalInterface
    interface ResultAssembly<R> {
        R assemble(PoolJobs jobs, OutcomeReader<?> reader);
    }
}
