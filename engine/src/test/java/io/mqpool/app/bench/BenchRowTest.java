package io.mqpool.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A figure's summary over its runs, and how mqpool's compares with Python's. */
class BenchRowTest {

    private static Measurement ms(String row, Double... runs) {
        return new Measurement(row, "a figure", "ms", false, List.of(runs));
    }

    @Test
    void theMedianOfAnOddNumberOfRunsIsTheMiddleOne() {
        Measurement m = ms("startup", 30.0, 10.0, 20.0);
        assertEquals(20.0, m.median());
        assertEquals(10.0, m.min());
        assertEquals(30.0, m.max());
    }

    @Test
    void theMedianOfAnEvenNumberOfRunsIsTheMeanOfTheMiddleTwo() {
        assertEquals(25.0, ms("startup", 40.0, 10.0, 20.0, 30.0).median());
    }

    @Test
    void aMeasurementWithoutRunsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ms("startup"));
    }

    @Test
    void theRatioIsMqpoolsMedianOverPythons() {
        assertEquals(0.25, new BenchRow(ms("startup", 5.0), ms("startup", 20.0, 20.0)).ratio());
    }

    @Test
    void thereIsNoRatioWithoutPythonOrAgainstZero() {
        assertNull(new BenchRow(ms("recovery.lost", 0.0), null).ratio());
        assertNull(new BenchRow(ms("startup", 5.0), ms("startup", 0.0)).ratio());
    }

    @Test
    void figuresOfDifferentRowsAreNotPaired() {
        assertThrows(IllegalArgumentException.class, () -> new BenchRow(ms("startup", 1.0), ms("latency.p50", 1.0)));
    }
}
