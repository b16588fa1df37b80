package io.mqpool.engine.store;

import io.mqpool.jobs.SharedRefusals;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shared counters in H2. Each call is one transaction, durable when it returns
 * ({@code WRITE_DELAY=0}, as for outcomes), and calls are applied one at a time: the engine is
 * the only writer, so one lock makes read-then-write atomic without a database lock per row.
 * {@link #applyAll} puts the requests that waited together in one transaction, one write
 * for the lot. A counter that was never written reads as 0.
 */
public final class SharedCounters {

    private final Database database;
    private final Clock clock;
    private final CounterTable table = new CounterTable();

    SharedCounters(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The counter's value after {@code op}, or why it was refused (a sum that overflows a long). */
    public record Outcome(CounterUpdate update, String refusal) {
    }

    /**
     * Applies {@code ops} in order in one transaction. An operation that is refused changes
     * nothing and does not stop the others.
     */
    public synchronized List<Outcome> applyAll(List<CounterOp> ops) {
        return database.inTransaction("update " + ops.size() + " shared counters", c -> {
            List<Outcome> outcomes = new ArrayList<>(ops.size());
            for (CounterOp op : ops) {
                try {
                    outcomes.add(new Outcome(apply(c, op), null));
                } catch (ArithmeticException e) {
                    outcomes.add(new Outcome(null, overflow(op)));
                }
            }
            return outcomes;
        });
    }

    /**
     * Applies one operation in a transaction of its own.
     *
     * @throws ArithmeticException when a sum overflows a long; nothing is stored then
     */
    public synchronized CounterUpdate apply(CounterOp op) {
        return database.inTransaction(op.kind() + " of counter " + op.name(), c -> apply(c, op));
    }

    private CounterUpdate apply(Connection c, CounterOp op) throws SQLException {
        String name = op.name();
        long value = table.find(c, name).orElse(0);
        return switch (op.kind()) {
            case GET -> new CounterUpdate(value, false);
            case SET -> write(c, name, op.value());
            case ADD -> write(c, name, Math.addExact(value, op.value()));
            case CAS -> value == op.expected() ? write(c, name, op.value()) : new CounterUpdate(value, false);
            case ADD_ONCE -> {
                long sum = Math.addExact(value, op.value());
                yield table.recordUpdate(c, name, op.key()) ? write(c, name, sum) : new CounterUpdate(value, false);
            }
        };
    }

    private CounterUpdate write(Connection c, String name, long value) throws SQLException {
        table.put(c, name, value, clock.instant());
        return new CounterUpdate(value, true);
    }

    /** The one-line reason an operation overflowed. */
    public static String overflow(CounterOp op) {
        return SharedRefusals.counterOverflow(op.name(), op.value());
    }

    /** Every counter that was written, by name. */
    public synchronized List<CounterRow> list() {
        return database.read("list counters", table::list);
    }

    public synchronized Optional<CounterRow> find(String name) {
        return database.read("read counter " + name, c -> table.findRow(c, name));
    }

    /** Deletes a counter (it reads 0 again) and forgets its keyed updates; false if there was none. */
    public synchronized boolean delete(String name) {
        return database.inTransaction("delete counter " + name, c -> table.delete(c, name));
    }
}
