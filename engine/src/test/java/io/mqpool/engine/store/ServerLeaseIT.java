package io.mqpool.engine.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lease of the active server on each database: free at first, waited for while held, taken
 * at once when given up, taken over when its holder stops renewing, and a holder whose lease was
 * taken is told. Short timings keep it quick; the ratios are those of the default.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(StoreKind.class)
class ServerLeaseIT {

    private static final ServerLease.Timing QUICK = new ServerLease.Timing(Duration.ofMillis(100), Duration.ofMillis(500));

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    private StoreLocation location;
    private final List<String> lost = new CopyOnWriteArrayList<>();

    @BeforeEach
    void newStore() {
        location = kind.location(dir);
    }

    private ServerLease acquire(String holder, List<LeaseRow> standby) {
        return ServerLease.acquire(location, holder, QUICK, Clock.systemUTC(), standby::add, lost::add);
    }

    @Test
    void aFreeLeaseIsTakenAtOnceAndASecondServerWaitsUntilTheFirstGivesItUp() throws Exception {
        List<LeaseRow> standby = new CopyOnWriteArrayList<>();
        ServerLease first = acquire("a/1", standby);
        assertEquals(1, first.term());
        assertEquals(List.of(), standby, "nobody held it");

        CompletableFuture<ServerLease> second = CompletableFuture.supplyAsync(() -> acquire("b/2", standby));
        await().atMost(Duration.ofSeconds(10)).until(() -> !standby.isEmpty());
        assertEquals(Optional.of("a/1"), standby.get(0).holder());
        // Renewed all the while: several lease lengths pass and the second still waits.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
        assertTrue(first.read().renewals() >= 5, "renewals: " + first.read().renewals());

        first.close();
        try (ServerLease taken = second.get(10, TimeUnit.SECONDS)) {
            assertEquals(2, taken.term());
            assertEquals(Optional.of("b/2"), taken.read().holder());
        }
        assertEquals(List.of(), lost);
    }

    @Test
    void aLeaseItsHolderStoppedRenewingIsTakenOverAfterALeaseLength() throws Exception {
        // A holder that died: its row says it is active, and nobody renews it any more.
        try (Database database = Database.open(location)) {
            database.inTransaction("write a dead holder's lease", c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE server_lease SET holder = 'dead/9', term = 7, renewals = 42")) {
                    return s.executeUpdate();
                }
            });
        }
        List<LeaseRow> standby = new CopyOnWriteArrayList<>();
        long began = System.nanoTime();
        try (ServerLease taken = acquire("b/2", standby)) {
            long waitedMillis = (System.nanoTime() - began) / 1_000_000;
            assertEquals(8, taken.term());
            assertEquals(Optional.of("dead/9"), standby.get(0).holder());
            assertTrue(waitedMillis >= QUICK.length().toMillis(), "took over after " + waitedMillis + " ms");
        }
    }

    @Test
    void aHolderWhoseLeaseWasTakenIsToldOnceAndDoesNotGiveTheOthersLeaseUp() throws Exception {
        ServerLease first = acquire("a/1", new CopyOnWriteArrayList<>());
        try (Database database = Database.open(location)) {
            database.inTransaction("take the lease over by hand", c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE server_lease SET holder = 'b/2', term = term + 1, renewals = 0")) {
                    return s.executeUpdate();
                }
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !lost.isEmpty());
        assertEquals(List.of("another server took the lease over (term 1 ended)"), lost);
        assertTrue(first.isLost());
        first.close();
        try (ServerLease check = acquireQuietly()) {
            assertFalse(check == null);
        }
    }

    /** Waits for the lease held by hand for 'b/2' (never renewed) to lapse, showing close() left it alone. */
    private ServerLease acquireQuietly() {
        List<LeaseRow> standby = new CopyOnWriteArrayList<>();
        ServerLease lease = acquire("c/3", standby);
        assertEquals(Optional.of("b/2"), standby.get(0).holder(), "the lost holder gave up a lease not its own");
        return lease;
    }
}
