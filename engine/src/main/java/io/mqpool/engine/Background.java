package io.mqpool.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Runs a part's start on a named thread of its own, so that slow starts overlap. */
final class Background {

    private Background() {
    }

    /** Runs {@code work} on a new daemon thread named {@code threadName}. Does not block. */
    static <T> CompletableFuture<T> run(String threadName, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** Waits for {@code future}; a runtime exception it failed with is thrown as it is. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
