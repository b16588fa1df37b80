package io.mqpool.engine.store;

import io.mqpool.jobs.SharedNames;
import io.mqpool.jobs.SharedRefusals;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * The shared arrays in H2, one transaction per call, applied one at a time like
 * {@link SharedCounters}. An array's size is fixed by its first use; a call that names another
 * size is refused, as is an index outside it.
 */
public final class SharedArrays {

    private final Database database;
    private final Clock clock;
    private final ArrayTable table = new ArrayTable();

    SharedArrays(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException when the array has another size
     * @throws IndexOutOfBoundsException when the index is outside it
     */
    public synchronized long get(String name, int size, int index) {
        return database.inTransaction("read shared array " + name, c -> {
            use(c, name, size, index);
            return table.get(c, name, index);
        });
    }

    /**
     * @throws IllegalArgumentException when the array has another size
     * @throws IndexOutOfBoundsException when the index is outside it
     */
    public synchronized long set(String name, int size, int index, long value) {
        return database.inTransaction("set shared array " + name, c -> {
            use(c, name, size, index);
            table.put(c, name, index, value, clock.instant());
            return value;
        });
    }

    /**
     * @throws IllegalArgumentException when the array has another size
     * @throws IndexOutOfBoundsException when the index is outside it
     * @throws ArithmeticException when the sum overflows a long; nothing is stored then
     */
    public synchronized long add(String name, int size, int index, long delta) {
        return database.inTransaction("add to shared array " + name, c -> {
            use(c, name, size, index);
            long value = Math.addExact(table.get(c, name, index), delta);
            table.put(c, name, index, value, clock.instant());
            return value;
        });
    }

    /** @throws IllegalArgumentException when the array has another size */
    public synchronized long[] snapshot(String name, int size) {
        return database.inTransaction("read shared array " + name, c -> {
            use(c, name, size, 0);
            return table.snapshot(c, name, size);
        });
    }

    /** Every array ever used, by name. */
    public List<ArrayRow> list() {
        return database.read("list shared arrays", table::list);
    }

    /** Forgets an array: its next use may give it another size. False if there was none. */
    public synchronized boolean delete(String name) {
        return database.inTransaction("delete shared array " + name, c -> table.delete(c, name));
    }

    /** The one-line reason an add to an element overflowed. */
    public static String overflow(String name, int index, long delta) {
        return SharedRefusals.elementOverflow(name, index, delta);
    }

    /** Creates the array on first use; refuses another size, or an index outside it. */
    private void use(Connection c, String name, int size, int index) throws SQLException {
        var existing = table.size(c, name);
        if (existing.isEmpty()) {
            table.create(c, name, size, clock.instant());
        } else if (existing.getAsInt() != size) {
            throw new IllegalArgumentException(SharedRefusals.otherSize(name, existing.getAsInt(), size));
        }
        SharedNames.checkIndex(name, size, index);
    }
}
