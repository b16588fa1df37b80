package io.mqpool.engine.store;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The shared counters in H2. Each operation is one transaction, durable when it returns
 * ({@code WRITE_DELAY=0}, as for outcomes), and they are applied one at a time: the engine is the
 * only writer, so one lock makes read-then-write atomic without a database lock per row.
 * A counter that was never written reads as 0.
 */
public final class SharedCounters {

    private final Database database;
    private final Clock clock;
    private final CounterTable table = new CounterTable();

    SharedCounters(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public synchronized CounterUpdate get(String name) {
        return new CounterUpdate(database.read("read counter " + name, c -> table.find(c, name).orElse(0)), false);
    }

    public synchronized CounterUpdate set(String name, long value) {
        return database.inTransaction("set counter " + name, c -> {
            table.put(c, name, value, clock.instant());
            return new CounterUpdate(value, true);
        });
    }

    /** @throws ArithmeticException when the sum overflows a long; nothing is stored then */
    public synchronized CounterUpdate add(String name, long delta) {
        return database.inTransaction("add to counter " + name, c -> {
            long value = Math.addExact(table.find(c, name).orElse(0), delta);
            table.put(c, name, value, clock.instant());
            return new CounterUpdate(value, true);
        });
    }

    public synchronized CounterUpdate compareAndSet(String name, long expected, long update) {
        return database.inTransaction("compare and set counter " + name, c -> {
            long value = table.find(c, name).orElse(0);
            if (value != expected) {
                return new CounterUpdate(value, false);
            }
            table.put(c, name, update, clock.instant());
            return new CounterUpdate(update, true);
        });
    }

    /** Adds {@code delta} unless an update with {@code key} was made before, in the same transaction as the key. */
    public synchronized CounterUpdate addOnce(String name, String key, long delta) {
        return database.inTransaction("add once to counter " + name, c -> {
            long value = table.find(c, name).orElse(0);
            if (!table.recordUpdate(c, name, key)) {
                return new CounterUpdate(value, false);
            }
            long sum = Math.addExact(value, delta);
            table.put(c, name, sum, clock.instant());
            return new CounterUpdate(sum, true);
        });
    }

    /** Every counter that was written, by name. */
    public synchronized List<CounterRow> list() {
        return database.read("list counters", table::list);
    }

    public synchronized Optional<CounterRow> find(String name) {
        return list().stream().filter(row -> row.name().equals(name)).findFirst();
    }

    /** Deletes a counter (it reads 0 again) and forgets its keyed updates; false if there was none. */
    public synchronized boolean delete(String name) {
        return database.inTransaction("delete counter " + name, c -> table.delete(c, name));
    }
}
