package io.mqpool.engine.store;

/**
 * How often one task's worker went down under it.
 *
 * @param deaths worker deaths while the task ran, timeouts included
 * @param timeouts of those, kills because the task ran past its task timeout
 */
public record TaskAttempts(long taskIndex, int deaths, int timeouts, String lastExit) {
}
