package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.jobs.builtin.SleepMillis;
import io.mqpool.jobs.builtin.Square;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code JobOptions.maxInFlight}: how far ahead of the caller a job may run, on real workers. */
class PoolInFlightIT {

    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = Pool.create(2);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    @Test
    void imapReadsItsInputOnlyAsFarAheadOfTheCallerAsMaxInFlightAllows() throws Exception {
        CountingInput input = new CountingInput();
        try (ResultSequence<Long> squares = pool.imap(Square.class, () -> input,
                JobOptions.defaults().withMaxInFlight(3))) {
            Iterator<Long> results = squares.iterator();
            for (long n = 0; n < 5; n++) {
                assertEquals(n * n, results.next());
            }
            // Five taken, three ahead: eight read, and no more however long the caller waits.
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> input.read() >= 8);
            Awaitility.await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                    .until(() -> input.read() == 8);
            for (long n = 5; n < 50; n++) {
                assertEquals(n * n, results.next());
            }
            Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> input.read() <= 53);
        }
    }

    @Test
    void imapUnorderedIsBoundedInWholeChunks() {
        CountingInput input = new CountingInput();
        try (ResultSequence<Long> squares = pool.imapUnordered(Square.class, () -> input,
                JobOptions.defaults().withMaxInFlight(5).withChunksize(4))) {
            squares.iterator().next();
            // Five tasks round up to two chunks of four: one chunk is being handed out, so at
            // most three chunks were read.
            Awaitility.await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                    .until(() -> input.read() <= 12);
        }
    }

    @Test
    void anImapWithoutALimitReadsFarAhead() {
        CountingInput input = new CountingInput();
        try (ResultSequence<Long> squares = pool.imap(Square.class, () -> input)) {
            squares.iterator().next();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> input.read() > 100);
        }
    }

    @Test
    void mapWithMaxInFlightOneRunsOneTaskAtATime() {
        List<Integer> millis = List.of(400, 400, 400, 400);
        long start = System.nanoTime();
        assertEquals(millis, pool.map(SleepMillis.class, millis,
                JobOptions.defaults().withChunksize(1).withMaxInFlight(1)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // Two workers would finish in about 0.8 s; one task at a time needs at least 1.6 s.
        assertTrue(took.toMillis() >= 1_550, "took " + took.toMillis() + " ms");
    }

    @Test
    void closingAPoolWithAHalfReadLimitedImapDoesNotHang() {
        Pool own = Pool.create(1);
        try {
            ResultSequence<Long> squares = own.imap(Square.class, List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L),
                    JobOptions.defaults().withMaxInFlight(1));
            assertEquals(1L, squares.iterator().next());
            // The caller stopped taking results: close() still runs what was submitted and returns.
            assertTimeoutPreemptively(Duration.ofSeconds(30), own::close);
        } finally {
            own.terminate();
        }
    }

    /** An endless input 0, 1, 2, ... that counts how much of it was read. */
    private static final class CountingInput implements Iterator<Long> {
        private final AtomicLong read = new AtomicLong();

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Long next() {
            return read.getAndIncrement();
        }

        long read() {
            return read.get();
        }
    }
}
