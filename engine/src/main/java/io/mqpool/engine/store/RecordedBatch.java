package io.mqpool.engine.store;

import java.util.List;
import java.util.Map;

/**
 * What one batch of results changed.
 *
 * @param newChunksPerJob chunks recorded for the first time, per job
 * @param finished jobs this batch finished
 * @param duplicates results dropped because their chunk already had outcomes
 * @param recorded the results recorded for the first time, in the order they came
 */
public record RecordedBatch(Map<String, Integer> newChunksPerJob, List<FinishedJob> finished,
                            int duplicates, List<RecordedResult> recorded) {
}
