package io.mqpool.engine.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The shared locks and semaphores in H2: their kind and permits, fixed at first use, and the
 * fencing token each grant takes, durable before the grant is answered so that no token is
 * ever handed out twice, across restarts too.
 */
public final class SharedLocks {

    private final Database database;
    private final Clock clock;
    private final LockTable table = new LockTable();

    SharedLocks(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Checks that {@code name} is a {@code kind} with {@code permits}, creating it on first use.
     *
     * @throws IllegalArgumentException when the name is another kind's, or has other permits
     */
    public synchronized LockRow define(String name, LockKind kind, int permits) {
        return database.inTransaction("define shared " + kind.word() + " " + name, c -> use(c, name, kind, permits));
    }

    /**
     * Takes the next fencing token of {@code name}, which {@link #define} created.
     *
     * @throws StoreException when there is no such lock
     */
    public synchronized long nextFence(String name) {
        return database.inTransaction("grant shared lock " + name, c -> {
            table.advanceFence(c, name, clock.instant());
            return table.find(c, name).orElseThrow().fence();
        });
    }

    public List<LockRow> list() {
        return database.read("list shared locks", table::list);
    }

    public Optional<LockRow> find(String name) {
        return database.read("read shared lock " + name, c -> table.find(c, name));
    }

    /** Forgets a lock or semaphore that nobody holds; its fence starts over. False if there was none. */
    public synchronized boolean delete(String name) {
        return database.inTransaction("delete shared lock " + name, c -> table.delete(c, name));
    }

    private LockRow use(Connection c, String name, LockKind kind, int permits) throws SQLException {
        Optional<LockRow> existing = table.find(c, name);
        if (existing.isEmpty()) {
            table.create(c, name, kind, permits, clock.instant());
            return table.find(c, name).orElseThrow();
        }
        LockRow row = existing.get();
        if (row.kind() != kind) {
            throw new IllegalArgumentException("'" + name + "' is a shared " + row.kind().word() + ", not a "
                    + kind.word());
        }
        if (row.permits() != permits) {
            throw new IllegalArgumentException("the shared semaphore '" + name + "' has " + row.permits()
                    + " permits, not " + permits);
        }
        return row;
    }
}
