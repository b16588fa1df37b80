package io.mqpool.engine.retry;

import io.mqpool.config.Durations;
import io.mqpool.outcome.TaskOutcome.Failure;
import java.time.Duration;

/**
 * The failures a settled task is answered with; their types are what the caller catches. Nothing
 * was thrown where they are decided, so they have no frames; those after a worker went down
 * carry how it ended.
 */
final class SettledErrors {

    static final String WORKER_DIED = "io.mqpool.WorkerDiedException";
    static final String TASK_TIMEOUT = "io.mqpool.TaskTimeoutException";
    static final String UNDELIVERABLE = "io.mqpool.TaskUndeliverableException";

    private SettledErrors() {
    }

    static Failure workerDied(int deaths, String lastExit) {
        return new Failure(WORKER_DIED, "worker died " + deaths + (deaths == 1 ? " time" : " times")
                + " while running this task (last exit: " + lastExit + ")", lastExit);
    }

    /** @param exit how the worker that was stopped ended */
    static Failure timedOut(int timeouts, long timeoutMillis, String exit) {
        return new Failure(TASK_TIMEOUT, "task ran past its task timeout of "
                + Durations.format(Duration.ofMillis(timeoutMillis)) + " " + timeouts
                + (timeouts == 1 ? " time" : " times") + "; its worker was stopped", exit);
    }

    static Failure undeliverable(int attempts) {
        return new Failure(UNDELIVERABLE, "the chunk holding this task came back " + attempts
                + " times without a worker death this server saw (a remote worker that died, or "
                + "a broker that could not commit)", null);
    }
}
