package io.mqpool.app.bench;

import io.mqpool.app.bench.BenchSizes.SoakMix;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The soak's clients, each on a thread of its own ({@code mqpool-bench-soak-client-N}). The
 * first that fails stops them all: its failure is the soak's.
 */
final class SoakClients implements AutoCloseable {

    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();

    private SoakClients() {
    }

    /** Starts {@code mix.clients()} clients of the server at {@code server}; does not wait for them. */
    static SoakClients start(URI server, SoakMix mix, long startNanos, SoakJobs jobs) {
        SoakClients clients = new SoakClients();
        for (int i = 0; i < mix.clients(); i++) {
            SoakClient client = new SoakClient(i, new JobPolling(server), mix, startNanos, clients.stop, jobs);
            Thread thread = new Thread(() -> clients.run(client), "mqpool-bench-soak-client-" + (i + 1));
            thread.setDaemon(true);
            clients.threads.add(thread);
        }
        clients.threads.forEach(Thread::start);
        return clients;
    }

    /** Blocks until a client fails or {@code timeout} has passed; true if one failed. */
    boolean awaitFailure(Duration timeout) throws InterruptedException {
        return stop.await(timeout.toNanos(), TimeUnit.NANOSECONDS) && failure.get() != null;
    }

    /** Tells the clients to start no more jobs; those running are read to their end. Idempotent. */
    void stop() {
        stop.countDown();
    }

    /**
     * Stops the clients and blocks until each has read its last job, at most {@code timeout} in all.
     *
     * @throws IllegalStateException the first client's failure, or naming the clients still running
     */
    void awaitStopped(Duration timeout) throws InterruptedException {
        stop();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        RuntimeException first = failure.get();
        if (first != null) {
            throw first;
        }
        List<String> running = threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
        if (!running.isEmpty()) {
            throw new IllegalStateException("soak clients still reading their last jobs after " + timeout + ": "
                    + running);
        }
    }

    /** Stops the clients and, if they are still running, interrupts them and waits a second each. Idempotent. */
    @Override
    public void close() {
        stop();
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                thread.interrupt();
                try {
                    thread.join(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void run(SoakClient client) {
        try {
            client.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            IllegalStateException named = new IllegalStateException(Thread.currentThread().getName() + ": "
                    + e.getMessage(), e);
            if (failure.compareAndSet(null, named)) {
                stop();
            } else {
                // Most likely the first failure's consequence (a server gone): kept with it.
                failure.get().addSuppressed(named);
            }
        }
    }
}
