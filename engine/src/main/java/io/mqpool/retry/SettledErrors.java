package io.mqpool.retry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mqpool.config.Durations;
import java.time.Duration;

/** The errors a settled task is answered with; their types are what the caller catches. */
final class SettledErrors {

    static final String WORKER_DIED = "io.mqpool.WorkerDiedException";
    static final String TASK_TIMEOUT = "io.mqpool.TaskTimeoutException";
    static final String UNDELIVERABLE = "io.mqpool.TaskUndeliverableException";

    private SettledErrors() {
    }

    static ObjectNode workerDied(int deaths, String lastExit) {
        return error(WORKER_DIED, "worker died " + deaths + (deaths == 1 ? " time" : " times")
                + " while running this task (last exit: " + lastExit + ")");
    }

    static ObjectNode timedOut(int timeouts, long timeoutMillis) {
        return error(TASK_TIMEOUT, "task ran past its task timeout of "
                + Durations.format(Duration.ofMillis(timeoutMillis)) + " " + timeouts
                + (timeouts == 1 ? " time" : " times") + "; its worker was stopped");
    }

    static ObjectNode undeliverable(int attempts) {
        return error(UNDELIVERABLE, "the chunk holding this task came back " + attempts
                + " times without a worker death this server saw (a remote worker that died, or "
                + "a broker that could not commit)");
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("type", type);
        error.put("message", message);
        error.put("stack", "");
        return error;
    }
}
