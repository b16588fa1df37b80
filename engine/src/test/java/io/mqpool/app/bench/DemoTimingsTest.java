package io.mqpool.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTimingsTest {

    @Test
    void eachBlocksStartMapAndCloseAreReadFromTheDemosOwnLines() {
        List<String> output = List.of("Executing with all available CPU cores: 2", "Results with all cores:", "1",
                "Wall time: 11.72 s = 2.93 s starting the pool + 8.34 s map + 0.45 s closing it (sequential: 16 s; "
                        + "the map alone is 1.9x faster)",
                "Executing with limited CPU cores: 4 out of 2",
                "Wall time: 12.85 s = 3.90 s starting the pool + 8.43 s map + 0.51 s closing it (sequential: 32 s; "
                        + "the map alone is 3.8x faster)");

        assertEquals(List.of(new DemoTimings(2.93, 8.34, 0.45), new DemoTimings(3.90, 8.43, 0.51)),
                DemoTimings.parse(output));
    }
}
