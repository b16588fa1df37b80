package io.mqpool.engine.store;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * Provokes a lost race on a real database: a first transaction does its work and stays open,
 * holding its row locks; a second one runs into them and waits; then the first commits and the
 * second goes on against what the first wrote.
 */
final class HeldTransaction {

    /** What each transaction answered. */
    record Answers<A, B>(A first, B second) {
    }

    private HeldTransaction() {
    }

    static <A, B> Answers<A, B> secondWaitsForFirst(StoreKind kind, Database database, SqlWork<A> first,
                                                     SqlWork<B> second)
            throws Exception {
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2,
                task -> new Thread(task, "held-transaction-" + threadNo.incrementAndGet()));
        CountDownLatch firstDone = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        try {
            Future<A> firstAnswer = threads.submit(() -> database.inTransaction("run the first transaction", c -> {
                A answer = first.run(c);
                firstDone.countDown();
                try {
                    commitFirst.await(30, SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return answer;
            }));
            if (!firstDone.await(30, SECONDS)) {
                throw new AssertionError("the first transaction did not get through its work");
            }
            Future<B> secondAnswer = threads.submit(() -> database.inTransaction("run the second transaction", second));
            Awaitility.await("the second transaction waiting for the first one's locks")
                    .atMost(Duration.ofSeconds(10)).until(() -> database.read("count blocked sessions", kind::blockedSessions) > 0);
            commitFirst.countDown();
            return new Answers<>(firstAnswer.get(30, SECONDS), secondAnswer.get(30, SECONDS));
        } finally {
            commitFirst.countDown();
            threads.shutdownNow();
            threads.awaitTermination(10, SECONDS);
        }
    }
}
