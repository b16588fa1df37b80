package io.mqpool.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** Lost and duplicated results of a job of n → n³, as the recovery workload counts them. */
class ResultTallyTest {

    private static final LongUnaryOperator CUBE = n -> n * n * n;

    @Test
    void everyIndexOnceWithItsCubeIsNothingLostAndNothingTwice() {
        ResultTally tally = new ResultTally(3, CUBE);
        tally.add(2, 8L);
        tally.add(0, 0L);
        tally.add(1, 1L);
        assertEquals(0, tally.lost());
        assertEquals(0, tally.duplicated());
        assertEquals(3, tally.results());
    }

    @Test
    void aMissingIndexAndAWrongValueAreLostAndASecondResultIsDuplicated() {
        ResultTally tally = new ResultTally(4, CUBE);
        tally.add(0, 0L);
        tally.add(1, 1L);
        tally.add(1, 1L);
        tally.add(2, 9L);
        assertEquals(2, tally.lost());
        assertEquals(1, tally.duplicated());
    }

    @Test
    void theRightValueIsWhateverTheJobComputes() {
        ResultTally squares = new ResultTally(2, n -> (n + 5) * (n + 5));
        squares.add(0, 25L);
        squares.add(1, 37L);
        assertEquals(1, squares.lost());
    }

    @Test
    void aFailedTaskIsLost() {
        ResultTally tally = new ResultTally(1, CUBE);
        tally.add(0, null);
        assertEquals(1, tally.lost());
    }

    @Test
    void anIndexOutsideTheJobIsAnError() {
        assertThrows(IllegalStateException.class, () -> new ResultTally(2, CUBE).add(2, 8L));
    }
}
