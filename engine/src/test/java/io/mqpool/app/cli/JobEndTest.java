package io.mqpool.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobEndTest {

    @ParameterizedTest(name = "{0} with {1} failed tasks ({2} printed) exits {3}")
    @CsvSource({
        "COMPLETED, 0, 0, 0",
        "RUNNING, 0, 0, 0",
        "RUNNING, 1, 0, 1",
        "FAILED, 2, 2, 1",
        "FAILED, 0, 1, 1",
        "CANCELLED, 0, 0, 1",
        "TIMED_OUT, 0, 0, 4",
        "TIMED_OUT, 3, 3, 4"})
    void theExitCodeSaysHowTheJobEnded(String state, long failed, long printed, int exitCode) {
        JobView job = ProgressLineTest.job(state, 10L, 10, failed, 1, 1000);
        assertEquals(exitCode, new JobEnd(job, printed).exitCode());
    }

    @ParameterizedTest(name = "{0} notes: {2}")
    @CsvSource(delimiter = '|', value = {
        "COMPLETED | 0 | ",
        "FAILED | 2 | job j1: 2 of 10 tasks failed",
        "CANCELLED | 0 | job j1 was cancelled: 4 of 10 tasks finished",
        "TIMED_OUT | 0 | job j1 timed out after 5m: 4 of 10 tasks finished"})
    void aJobThatDidNotSimplyCompleteGetsANote(String state, long failed, String note) {
        JobView job = ProgressLineTest.job(state, 10L, 4, failed, 1, 1000);
        assertEquals(Optional.ofNullable(note), new JobEnd(job, 0).note());
    }
}
