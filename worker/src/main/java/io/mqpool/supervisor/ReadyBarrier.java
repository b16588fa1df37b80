package io.mqpool.supervisor;

import io.mqpool.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a group of workers to be ready, failing as soon as any one of them fails. */
final class ReadyBarrier {

    private ReadyBarrier() {
    }

    /**
     * Blocks until every future completed normally, or the first one failed, or
     * {@code bound} passed.
     *
     * @throws WorkerStartException for the first failure, or the time running out
     */
    static void await(List<CompletableFuture<Long>> readies, Duration bound) {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        readies.forEach(ready -> ready.whenComplete((pid, failure) -> {
            if (failure != null) {
                outcome.completeExceptionally(failure);
            }
        }));
        CompletableFuture.allOf(readies.toArray(CompletableFuture[]::new))
                .thenRun(() -> outcome.complete(null));
        try {
            outcome.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw asStartException(e.getCause());
        } catch (TimeoutException e) {
            throw new WorkerStartException("workers did not report ready within "
                    + Durations.inMessage(bound));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerStartException("interrupted while waiting for workers to start", e);
        }
    }

    /** The start failure inside what a future failed with. */
    static WorkerStartException asStartException(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof WorkerStartException w ? w
                : new WorkerStartException(cause.toString(), cause);
    }
}
