package io.mqpool.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerArgumentsTest {

    private static String refusal(String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkerArguments.parse(List.of(args)));
        assertFalse(e.getMessage().contains("\n"), "more than one line: " + e.getMessage());
        assertTrue(e.getMessage().endsWith("; " + WorkerArguments.USAGE), e.getMessage());
        return e.getMessage().substring(0, e.getMessage().length() - WorkerArguments.USAGE.length() - 2);
    }

    @Test
    void everyFlagIsRead() {
        WorkerArguments arguments = WorkerArguments.parse(List.of("--broker", "tcp://127.0.0.1:61616",
                "--id", "w3", "--tasks-dir", "/tmp/tasks", "--consumer-window", "8192", "--broker-wait", "2500",
                "--supervised", "--initializer", "warm_up", "--initializer-arg", "[1, 2]", "--max-tasks", "10",
                "--current-task-file", "/tmp/w3.task", "--standby", "--credentials-file", "/tmp/worker.properties"));

        assertEquals(new WorkerArguments("tcp://127.0.0.1:61616", "w3", Path.of("/tmp/tasks"), 8192,
                Duration.ofMillis(2500), true, "warm_up", "[1, 2]", 10, Path.of("/tmp/w3.task"), true,
                Path.of("/tmp/worker.properties")), arguments);
    }

    @Test
    void onlyTheBrokerAndTheIdAreNeededAndTheRestHasDefaults() {
        WorkerArguments arguments = WorkerArguments.parse(List.of("--broker", "tcp://h:1", "--id", "w1"));

        assertEquals(new WorkerArguments("tcp://h:1", "w1", null, 0, Duration.ZERO, false, null, "null", 0, null,
                false, null), arguments);
    }

    @Test
    void aValueMayFollowAnEqualsSignAndTheLastOfARepeatedFlagWins() {
        WorkerArguments arguments = WorkerArguments.parse(List.of("--broker=tcp://a:1", "--id=w1",
                "--consumer-window=-1", "--broker=tcp://b:2"));

        assertEquals("tcp://b:2", arguments.brokerUrl());
        assertEquals(-1, arguments.consumerWindowSize());
    }

    @Test
    void valuesThatLookLikeNumbersOrFilesAreTakenAsTheyAre() {
        WorkerArguments arguments = WorkerArguments.parse(List.of("--broker", "tcp://h:1", "--id", "w1",
                "--initializer", "warm_up", "--initializer-arg", "-5"));
        assertEquals("-5", arguments.initializerArgJson());

        assertEquals("@args.txt", WorkerArguments.parse(List.of("--broker", "tcp://h:1", "--id", "w1",
                "--initializer-arg", "@args.txt")).initializerArgJson());
    }

    @Test
    void aMissingBrokerOrIdIsNamed() {
        assertEquals("--broker is required", refusal("--id", "w1"));
        assertEquals("--id is required", refusal("--broker", "tcp://h:1"));
        assertEquals("--id is required", refusal("--broker", "tcp://h:1", "--id", " "));
    }

    @Test
    void aFlagWithoutItsValueIsRefused() {
        assertEquals("Missing required parameter for option '--max-tasks' (N)",
                refusal("--broker", "tcp://h:1", "--id", "w1", "--max-tasks"));
    }

    @Test
    void anUnknownFlagIsRefused() {
        assertEquals("Unknown option: '--workers'", refusal("--broker", "tcp://h:1", "--id", "w1", "--workers"));
    }

    @Test
    void aBadNumberIsRefusedWithWhatWasExpected() {
        assertEquals("Invalid value for option '--max-tasks': 'ten' is not a whole number >= 0",
                refusal("--broker", "tcp://h:1", "--id", "w1", "--max-tasks", "ten"));
        assertEquals("Invalid value for option '--max-tasks': '-1' is not a whole number >= 0",
                refusal("--broker", "tcp://h:1", "--id", "w1", "--max-tasks", "-1"));
        assertEquals("Invalid value for option '--broker-wait': '1.5' is not a number of milliseconds >= 0",
                refusal("--broker", "tcp://h:1", "--id", "w1", "--broker-wait", "1.5"));
        assertEquals("Invalid value for option '--consumer-window': '-2' is not a number of bytes >= -1",
                refusal("--broker", "tcp://h:1", "--id", "w1", "--consumer-window", "-2"));
        assertEquals("Invalid value for option '--consumer-window': '4294967296' is not a number of bytes >= -1",
                refusal("--broker", "tcp://h:1", "--id", "w1", "--consumer-window", "4294967296"));
    }
}
