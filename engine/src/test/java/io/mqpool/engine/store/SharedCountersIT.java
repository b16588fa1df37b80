package io.mqpool.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.engine.store.CounterOp.Kind;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The shared counters' SQL on each database the store runs on. */
@ParameterizedClass(name = "on {0}")
@EnumSource(StoreKind.class)
class SharedCountersIT {

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    /** A new, empty store for each test, opened again at the same place by the tests that restart. */
    private StoreLocation location;

    @BeforeEach
    void newStore() {
        location = kind.location(dir);
    }

    private static CounterOp add(String name, long delta) {
        return new CounterOp(Kind.ADD, name, delta, 0, null);
    }

    @Test
    void aBatchAppliesInOrderAndARefusedOperationChangesNothingAndStopsNothing() {
        try (JobStore store = JobStore.open(location, Clock.systemUTC())) {
            List<SharedCounters.Outcome> outcomes = store.counters().applyAll(List.of(
                    add("n", 1), add("n", Long.MAX_VALUE), add("n", 1),
                    new CounterOp(Kind.CAS, "n", 10, 2, null), new CounterOp(Kind.GET, "n", 0, 0, null)));

            assertEquals(1, outcomes.get(0).update().value());
            assertNull(outcomes.get(1).update());
            assertEquals("adding 9223372036854775807 to counter 'n' overflows a long", outcomes.get(1).refusal());
            assertEquals(2, outcomes.get(2).update().value());
            assertTrue(outcomes.get(3).update().changed());
            assertEquals(new CounterUpdate(10, false), outcomes.get(4).update());
        }
    }

    @Test
    void aKeyedAddHappensOnceUntilTheCounterIsDeleted() {
        try (JobStore store = JobStore.open(location, Clock.systemUTC())) {
            SharedCounters counters = store.counters();
            CounterOp once = new CounterOp(Kind.ADD_ONCE, "c", 5, 0, "job:1");
            assertEquals(new CounterUpdate(5, true), counters.apply(once));
            assertEquals(new CounterUpdate(5, false), counters.apply(once));
            assertTrue(counters.delete("c"));
            assertTrue(counters.find("c").isEmpty());
            assertEquals(new CounterUpdate(5, true), counters.apply(once));
            assertEquals(List.of("c"), counters.list().stream().map(CounterRow::name).toList());
        }
    }

    @Test
    void anOverflowOnItsOwnIsAnArithmeticExceptionAndStoresNothing() {
        try (JobStore store = JobStore.open(location, Clock.systemUTC())) {
            SharedCounters counters = store.counters();
            counters.apply(add("big", Long.MAX_VALUE));
            assertThrows(ArithmeticException.class, () -> counters.apply(add("big", 1)));
            assertEquals(Long.MAX_VALUE, counters.find("big").orElseThrow().value());
        }
    }
}
