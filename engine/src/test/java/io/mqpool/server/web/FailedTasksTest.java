package io.mqpool.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mqpool.engine.store.FailedChunk;
import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomesForm;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailedTasksTest {

    private static final String ERROR = "{\"error\":{\"type\":\"X\",\"message\":\"m\",\"stack\":\"s\"}}";

    private static EncodedOutcomes perTask(String json, int failures) {
        return new EncodedOutcomes(json, failures, OutcomesForm.PER_TASK);
    }

    private final FailedTasks failed = new FailedTasks(new JsonCodec().mapper());

    @Test
    void keepsExactlyTheFailedTasksArgumentsAndIndexesInIndexOrder() {
        failed.add("j", new FailedChunk(0, 0, "[[2,3],[2,-1],{\"a\":\"b\"}]",
                perTask("[{\"value\":8}," + ERROR + "," + ERROR + "]", 2)));
        failed.add("j", new FailedChunk(4, 12, "[\"x\",null]", perTask("[" + ERROR + ",{\"value\":null}]", 1)));

        assertEquals(List.of("[2,-1]", "{\"a\":\"b\"}", "\"x\""), failed.args());
        assertEquals(List.of(1L, 2L, 12L), failed.indexes());
    }

    @Test
    void refusesAChunkWhoseArgumentsAndOutcomesDoNotMatch() {
        assertThrows(IllegalStateException.class,
                () -> failed.add("j", new FailedChunk(0, 0, "[1,2]", perTask("[" + ERROR + "]", 1))));
        assertThrows(IllegalStateException.class,
                () -> failed.add("j", new FailedChunk(0, 0, "not json", perTask("[" + ERROR + "]", 1))));
    }
}
