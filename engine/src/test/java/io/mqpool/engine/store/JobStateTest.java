package io.mqpool.engine.store;

import static io.mqpool.engine.store.JobState.CANCELLED;
import static io.mqpool.engine.store.JobState.COMPLETED;
import static io.mqpool.engine.store.JobState.FAILED;
import static io.mqpool.engine.store.JobState.RUNNING;
import static io.mqpool.engine.store.JobState.TIMED_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The table of moves between job states, pair by pair. */
class JobStateTest {

    /** The whole table, written out: a running job ends once, in one of four ways; nothing else moves. */
    static final List<List<JobState>> ALLOWED = List.of(
            List.of(RUNNING, COMPLETED),
            List.of(RUNNING, FAILED),
            List.of(RUNNING, CANCELLED),
            List.of(RUNNING, TIMED_OUT));

    /** Every ordered pair of states, 25 of them, with whether the table allows the move. */
    static Stream<Arguments> everyPair() {
        return Arrays.stream(JobState.values()).flatMap(from -> Arrays.stream(JobState.values())
                .map(to -> Arguments.of(from, to, ALLOWED.contains(List.of(from, to)))));
    }

    @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
    @MethodSource("everyPair")
    void theTableAllowsExactlyTheMovesOfARunningJobToAnEnd(JobState from, JobState to, boolean allowed) {
        assertEquals(allowed, from.canMoveTo(to));
    }

    @ParameterizedTest
    @EnumSource(JobState.class)
    void everyStateButRunningIsFinished(JobState state) {
        assertEquals(state != RUNNING, state.isFinished());
    }
}
