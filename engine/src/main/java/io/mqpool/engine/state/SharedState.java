package io.mqpool.engine.state;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.engine.store.ArrayRow;
import io.mqpool.engine.store.CounterRow;
import io.mqpool.engine.store.LockKind;
import io.mqpool.engine.store.LockRow;
import io.mqpool.engine.store.SharedCollections;
import io.mqpool.engine.store.SharedLocks;
import io.mqpool.engine.store.SharedArrays;
import io.mqpool.engine.store.SharedCounters;
import io.mqpool.jobs.SharedArray;
import io.mqpool.jobs.SharedCounter;
import io.mqpool.jobs.SharedList;
import io.mqpool.jobs.SharedMap;
import io.mqpool.jobs.SharedNames;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The engine's shared state as its caller and the HTTP API see it: the same counters and
 * arrays the tasks reach through the broker, read and written here directly in the store; the
 * locks and semaphores they hold, and the service that answers their requests.
 */
public final class SharedState {

    /** How long a session that holds or waits for a lock may go without a heartbeat before it is ended. */
    public static final Duration SESSION_LAPSE = Duration.ofSeconds(10);

    private final SharedCounters counters;
    private final SharedArrays arrays;
    private final SharedCollections collections;
    private final SharedLocks locks;
    private final LockKeeper keeper;

    public SharedState(SharedCounters counters, SharedArrays arrays, SharedCollections collections, SharedLocks locks,
                       Clock clock, Duration sessionLapse) {
        this.counters = counters;
        this.arrays = arrays;
        this.collections = collections;
        this.locks = locks;
        this.keeper = new LockKeeper(locks, clock, sessionLapse);
    }

    /** The service that answers the tasks' requests on the broker; not started. */
    public StateService service(BrokerConnection connection) {
        return new StateService(counters, arrays, collections, keeper, connection);
    }

    /** The supervisor saw worker {@code workerId}'s process {@code pid} exit: its locks and permits go to the next waiters. */
    public void workerDied(String workerId, long pid) {
        keeper.workerDied(workerId, pid);
    }

    /**
     * Takes every hold of the lock or semaphore {@code name} back, as an operator would after a
     * holder hung; the next waiters are granted, and each former holder gets a
     * {@code LockOwnershipLostException} on its next use of it.
     *
     * @return how many holds were taken back
     * @throws NoSuchElementException when there is no lock or semaphore of this name
     */
    public int forceRelease(String name) {
        if (locks.find(name).isEmpty()) {
            throw new NoSuchElementException("there is no shared lock or semaphore '" + name + "'");
        }
        return keeper.forceRelease(name);
    }

    /** Every lock and semaphore ever used, with who holds it now. */
    public List<LockView> locks() {
        return locks.list().stream().map(this::view).toList();
    }

    /** The lock or semaphore of this name, if it was ever used. */
    public Optional<LockView> findLock(String name) {
        return locks.find(name).map(this::view);
    }

    private LockView view(LockRow row) {
        LockUse use = keeper.use(row.name()).orElse(LockUse.FREE);
        return new LockView(row.name(), row.kind(), row.permits(), row.fence(), use.holders(), use.waiting());
    }

    /**
     * The array of this name and size, created with every element 0 on first use.
     *
     * @throws IllegalArgumentException when the name is blank or too long, or the size is not 1 to 100,000
     */
    public SharedArray array(String name, int size) {
        SharedNames.check(name);
        return new LocalArray(arrays, name, SharedNames.checkSize(name, size));
    }

    /**
     * The counter of this name, created at 0 on first use.
     *
     * @throws IllegalArgumentException when the name is blank or too long
     */
    public SharedCounter counter(String name) {
        return new LocalCounter(counters, SharedNames.check(name));
    }

    /**
     * The map of this name, empty on first use.
     *
     * @throws IllegalArgumentException when the name is blank or too long
     */
    public SharedMap map(String name) {
        return new LocalMap(collections, SharedNames.check(name));
    }

    /**
     * The list of this name, empty on first use.
     *
     * @throws IllegalArgumentException when the name is blank or too long
     */
    public SharedList list(String name) {
        return new LocalList(collections, SharedNames.check(name));
    }

    /** Every array ever used, by name. */
    public List<ArrayRow> arrays() {
        return arrays.list();
    }

    /** Each map that has entries, with how many, by name. */
    public Map<String, Integer> maps() {
        return collections.maps();
    }

    /** Each list that has items, with how many, by name. */
    public Map<String, Integer> lists() {
        return collections.lists();
    }

    /**
     * Deletes what is shared under {@code name} as {@code kind}: a counter reads 0 again (its
     * keyed updates forgotten), an array may take another size, a map or list is emptied, a
     * lock or semaphore that nobody holds or waits for is forgotten (its fence starts over).
     *
     * @return false if there was nothing of that kind and name
     * @throws IllegalStateException when the lock or semaphore is held or waited for
     */
    public boolean delete(StateKind kind, String name) {
        return switch (kind) {
            case COUNTER -> counters.delete(name);
            case ARRAY -> arrays.delete(name);
            case MAP -> collections.deleteMap(name) > 0;
            case LIST -> collections.deleteList(name) > 0;
            case LOCK -> keeper.deleteIfIdle(name, LockKind.LOCK);
            case SEMAPHORE -> keeper.deleteIfIdle(name, LockKind.SEMAPHORE);
        };
    }

    /** Every counter that was written, by name. */
    public List<CounterValue> list() {
        return counters.list().stream().map(SharedState::value).toList();
    }

    /** The counter of this name, if it was ever written. */
    public Optional<CounterValue> find(String name) {
        return counters.find(name).map(SharedState::value);
    }


    private static CounterValue value(CounterRow row) {
        return new CounterValue(row.name(), row.value(), row.updatedAt());
    }
}
