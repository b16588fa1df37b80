package io.mqpool.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.jobs.builtin.ComputePower;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BuiltInTasksTest {

    private static final TaskRegistry REGISTRY = TaskRegistry.load(null, BuiltInTasksTest.class.getClassLoader());

    private static Object call(String task, Object arg) throws Exception {
        return REGISTRY.require(task).instance().call(arg, new StubContext());
    }

    @Test
    void computeSquareSleepsTwoSecondsThenSaysTheSquare() throws Exception {
        long start = System.nanoTime();
        assertEquals("3 squared is 9", call("compute_square", 3));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1900);
    }

    @Test
    void computeCubeReturnsALongCube() throws Exception {
        assertEquals(27L, call("compute_cube", 3));
        assertEquals(8_000_000_000L, call("compute_cube", 2000));
        assertEquals(8_000_000_000L, call("cube_slowly", 2000L));
    }

    @Test
    void squareReturnsALongSquare() throws Exception {
        assertEquals(9L, call("square", 3L));
        assertEquals(4_000_000_000_000L, call("square", 2_000_000L));
    }

    @Test
    void computePowerRaisesBaseToExponent() throws Exception {
        assertEquals(1024L, call("compute_power", new ComputePower.Args(2, 10)));
        assertEquals(1L, call("compute_power", new ComputePower.Args(7, 0)));
        assertEquals("exponent must be 0 or more, got -1", assertThrows(IllegalArgumentException.class,
                () -> call("compute_power", new ComputePower.Args(2, -1))).getMessage());
        assertThrows(ArithmeticException.class, () -> call("compute_power", new ComputePower.Args(10, 19)));
    }

    @Test
    void theSleepingTasksReturnTheSeedsResults() throws Exception {
        assertEquals("Task 0 completed.", call("long_running_task", 0));
        assertEquals(0L, call("compute_power_sleep", 0));
        assertEquals(20, call("sleep_millis", 20));
    }

    @Test
    void burnCpuIsDeterministicAndRejectsNegativeSizes() throws Exception {
        assertEquals(call("burn_cpu", 20), call("burn_cpu", 20));
        assertEquals(0L, call("burn_cpu", 0));
        assertThrows(IllegalArgumentException.class, () -> call("burn_cpu", -1));
    }

    @Test
    void failOnPurposeAlwaysThrowsWithItsArgument() {
        assertEquals("failed on purpose: boom",
                assertThrows(IllegalStateException.class, () -> call("fail_on_purpose", "boom")).getMessage());
    }

    @Test
    void workerPidIsThisProcess() throws Exception {
        assertEquals(ProcessHandle.current().pid(), call("worker_pid", 0));
    }

    @Test
    void echoReturnsItsArgument() throws Exception {
        JsonNode node = new TaskJson().mapper().readTree("{\"a\":[1,2]}");
        assertSame(node, call("echo", node));
    }

    @Test
    void aSleepingTaskStopsWhenInterrupted() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                call("long_running_task", 60);
            } catch (Exception e) {
                thrown.set(e);
            }
        }, "long-running-task-test");
        runner.start();
        runner.interrupt();
        runner.join(5000);
        assertInstanceOf(InterruptedException.class, thrown.get());
    }
}
