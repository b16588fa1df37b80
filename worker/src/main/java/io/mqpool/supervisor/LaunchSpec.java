package io.mqpool.supervisor;

import io.mqpool.config.WorkerSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What every worker of one supervisor is launched with, and the clock its deadlines read.
 *
 * @param workerOutput receives every line the workers print on stdout that is not a status
 *     line, on their threads
 * @param errCopy where the lines the workers print on stderr are copied
 * @param clock what the start deadlines, the uptime before a crash and the drain deadlines
 *     are read from
 */
record LaunchSpec(WorkerSettings settings, WorkerLaunch launch, Consumer<String> workerOutput,
                  PrintStream errCopy, Clock clock) {

    LaunchSpec {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(workerOutput, "workerOutput");
        Objects.requireNonNull(errCopy, "errCopy");
        Objects.requireNonNull(clock, "clock");
    }
}
