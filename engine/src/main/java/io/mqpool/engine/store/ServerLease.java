package io.mqpool.engine.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to be the active server over a store, kept in its {@code server_lease} row. Only the
 * holder dispatches, collects and records; other servers on the same store stand by in
 * {@link #acquire} until the holder gives the lease up or stops renewing it.
 *
 * <p>No clock is compared across hosts. The holder counts its renewals in the row; a standby
 * takes over when it has seen the same count for a whole {@link Timing#length()} by its own
 * clock. The holder, for its part, gives up (through {@code onLost}) when it has not renewed for
 * half that length, so it stops before any standby could start.
 */
public final class ServerLease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServerLease.class);

    /**
     * How often the holder renews and how long a standby waits for a renewal before taking over.
     *
     * @throws IllegalArgumentException unless the length is at least three renewals
     */
    public record Timing(Duration renewEvery, Duration length) {

        /** Renewed every second; taken over after 5 s without a renewal. */
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(5));

        public Timing {
            if (renewEvery.isNegative() || renewEvery.isZero() || length.compareTo(renewEvery.multipliedBy(3)) < 0) {
                throw new IllegalArgumentException("a lease must last at least three renewals, got renewals every "
                        + renewEvery + " and a length of " + length);
            }
        }
    }

    private final Database database;
    private final LeaseTable table = new LeaseTable();
    private final String holder;
    private final long term;
    private final Timing timing;
    private final Clock clock;
    private final Consumer<String> onLost;
    private final AtomicBoolean lost = new AtomicBoolean();
    private final ScheduledExecutorService renewals;
    private volatile long lastRenewedNanos;

    private ServerLease(Database database, String holder, long term, Timing timing, Clock clock,
                        Consumer<String> onLost) {
        this.database = database;
        this.holder = holder;
        this.term = term;
        this.timing = timing;
        this.clock = clock;
        this.onLost = onLost;
        this.lastRenewedNanos = System.nanoTime();
        this.renewals = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mqpool-lease");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Becomes the active server over the store at {@code location}: at once if nobody is, or
     * once the active server gives the lease up or stops renewing it. Blocks until then, and
     * then keeps renewing it on a thread of its own.
     *
     * @param holder names this server to the others and to people, such as {@code host/pid}
     * @param onStandby told once, with the lease as seen, if another server is active
     * @param onLost told once, with the reason, if the lease is taken over or cannot be renewed;
     *     the server must stop doing anything at once, since another one may start
     * @throws StoreException if the store cannot be opened
     */
    public static ServerLease acquire(StoreLocation location, String holder, Timing timing, Clock clock,
                                      Consumer<LeaseRow> onStandby, Consumer<String> onLost) {
        Objects.requireNonNull(holder, "holder");
        Database database = Database.open(location);
        try {
            long term = waitForTerm(database, holder, timing, clock, onStandby);
            ServerLease lease = new ServerLease(database, holder, term, timing, clock, onLost);
            lease.renewals.scheduleWithFixedDelay(lease::renew, timing.renewEvery().toMillis(),
                    timing.renewEvery().toMillis(), TimeUnit.MILLISECONDS);
            return lease;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static long waitForTerm(Database database, String holder, Timing timing, Clock clock,
                                    Consumer<LeaseRow> onStandby) {
        LeaseTable table = new LeaseTable();
        LeaseRow seen = null;
        long seenSinceNanos = 0;
        boolean told = false;
        while (true) {
            LeaseRow row;
            try {
                row = database.read("read the server lease", table::read);
            } catch (StoreException e) {
                // A standby outlives a short outage of the store: it only needs to read it again.
                log.warn("cannot read the server lease, trying again: {}", e.getMessage());
                pause(timing.renewEvery());
                continue;
            }
            long now = System.nanoTime();
            if (seen == null || !row.holder().equals(seen.holder()) || row.term() != seen.term()
                    || row.renewals() != seen.renewals()) {
                seen = row;
                seenSinceNanos = now;
            }
            boolean lapsed = now - seenSinceNanos >= timing.length().toNanos();
            if (row.holder().isEmpty() || lapsed) {
                LeaseRow claimed = row;
                if (database.inTransaction("claim the server lease", c -> table.claim(c, holder, claimed, clock.instant()))) {
                    if (row.holder().isPresent()) {
                        log.info("took over from {}, whose lease was not renewed for {} ms (term {})", row.holder().get(),
                                timing.length().toMillis(), row.term() + 1);
                    }
                    return row.term() + 1;
                }
                continue; // another server changed the row first: look again
            }
            if (!told) {
                told = true;
                onStandby.accept(row);
            }
            pause(timing.renewEvery().dividedBy(2));
        }
    }

    private void renew() {
        if (lost.get()) {
            return;
        }
        boolean renewed;
        try {
            renewed = database.inTransaction("renew the server lease", c -> table.renew(c, holder, term, clock.instant()));
        } catch (RuntimeException e) {
            long silentNanos = System.nanoTime() - lastRenewedNanos;
            if (silentNanos >= timing.length().toNanos() / 2) {
                lose("the lease could not be renewed for " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms: "
                        + e.getMessage());
            }
            return;
        }
        if (renewed) {
            lastRenewedNanos = System.nanoTime();
        } else {
            lose("another server took the lease over (term " + term + " ended)");
        }
    }

    private void lose(String reason) {
        if (lost.compareAndSet(false, true)) {
            onLost.accept(reason);
        }
    }

    /** This server's term: one more than the previous holder's. */
    public long term() {
        return term;
    }

    public String holder() {
        return holder;
    }

    /** The lease as the store holds it now. */
    public LeaseRow read() {
        return database.read("read the server lease", table::read);
    }

    /** Whether the holder had to give up. */
    public boolean isLost() {
        return lost.get();
    }

    /** Stops renewing and gives the lease up, so a standby takes over at once. */
    @Override
    public void close() {
        renewals.shutdownNow();
        try {
            renewals.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (!lost.get()) {
                database.inTransaction("give the server lease up", c -> {
                    table.release(c, holder, term);
                    return null;
                });
            }
        } catch (StoreException e) {
            log.warn("cannot give the server lease up; a standby takes over once it lapses: {}", e.getMessage());
        } finally {
            database.close();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while standing by for the server lease", e);
        }
    }

    /** The holder name of this process: {@code host/pid}. */
    public static String holderOfThisProcess() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        });
        return host + "/" + ProcessHandle.current().pid();
    }
}
