package io.mqpool.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.jobs.builtin.AddSquareToSum;
import io.mqpool.jobs.builtin.CountUpMany;
import io.mqpool.jobs.builtin.CubeSlowly;
import io.mqpool.jobs.builtin.HoldLock;
import io.mqpool.jobs.builtin.HoldPermit;
import io.mqpool.jobs.builtin.RememberSquare;
import io.mqpool.jobs.builtin.SquareIntoArray;
import io.mqpool.jobs.builtin.BurnCpu;
import io.mqpool.jobs.builtin.ComputeCube;
import io.mqpool.jobs.builtin.ComputePower;
import io.mqpool.jobs.builtin.ComputePowerSleep;
import io.mqpool.jobs.builtin.ComputeSquare;
import io.mqpool.jobs.builtin.Echo;
import io.mqpool.jobs.builtin.FailOnPurpose;
import io.mqpool.jobs.builtin.LongRunningTask;
import io.mqpool.jobs.builtin.SleepMillis;
import io.mqpool.jobs.builtin.Square;
import io.mqpool.jobs.builtin.WorkerPid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRegistryTest {

    private static final Map<String, Class<?>> BUILT_INS = Map.ofEntries(
            Map.entry("compute_square", ComputeSquare.class),
            Map.entry("compute_cube", ComputeCube.class),
            Map.entry("compute_power", ComputePower.class),
            Map.entry("long_running_task", LongRunningTask.class),
            Map.entry("compute_power_sleep", ComputePowerSleep.class),
            Map.entry("burn_cpu", BurnCpu.class),
            Map.entry("fail_on_purpose", FailOnPurpose.class),
            Map.entry("sleep_millis", SleepMillis.class),
            Map.entry("square", Square.class),
            Map.entry("worker_pid", WorkerPid.class),
            Map.entry("echo", Echo.class),
            Map.entry("add_square_to_sum", AddSquareToSum.class),
            Map.entry("square_into_array", SquareIntoArray.class),
            Map.entry("hold_lock", HoldLock.class),
            Map.entry("hold_permit", HoldPermit.class),
            Map.entry("remember_square", RememberSquare.class),
            Map.entry("count_up_many", CountUpMany.class),
            Map.entry("cube_slowly", CubeSlowly.class));

    @TempDir
    Path tasksDir;

    private final ClassLoader parent = getClass().getClassLoader();

    @Test
    void everyBuiltInIsFoundByNameAndByClass() {
        TaskRegistry registry = TaskRegistry.load(null, parent);
        BUILT_INS.forEach((name, taskClass) -> {
            RegisteredTask task = registry.require(name);
            assertEquals(taskClass, task.taskClass());
            assertSame(task, registry.require(taskClass));
            assertSame(task, registry.find(name).orElseThrow());
            assertTrue(taskClass.isInstance(task.instance()));
        });
    }

    @Test
    void allListsTheTasksSortedByName() {
        List<String> names = TaskRegistry.load(null, parent).all().stream()
                .map(RegisteredTask::name).collect(Collectors.toList());
        assertEquals(BUILT_INS.keySet().stream().sorted().collect(Collectors.toList()), names);
    }

    @Test
    void anUnknownNameFailsListingTheRegisteredTasks() {
        TaskRegistry registry = TaskRegistry.load(null, parent);
        assertTrue(registry.find("foo").isEmpty());
        UnknownTaskException e = assertThrows(UnknownTaskException.class, () -> registry.require("foo"));
        assertEquals("unknown task 'foo'; registered tasks: add_square_to_sum, burn_cpu, compute_cube, compute_power, "
                + "compute_power_sleep, compute_square, count_up_many, cube_slowly, echo, fail_on_purpose, hold_lock, hold_permit, "
                + "long_running_task, remember_square, sleep_millis, square, square_into_array, worker_pid",
                e.getMessage());
    }

    @Test
    void anUnregisteredClassFailsSayingWhereToListIt() {
        UnknownTaskException e = assertThrows(UnknownTaskException.class,
                () -> TaskRegistry.load(null, parent).require(String.class));
        assertEquals("task class java.lang.String is not registered: list it in "
                + "META-INF/services/io.mqpool.jobs.Task", e.getMessage());
    }

    @Test
    void anAbsentOrEmptyTasksDirectoryAddsNothing() {
        assertEquals(BUILT_INS.size(), TaskRegistry.load(tasksDir.resolve("absent"), parent).all().size());
        assertEquals(BUILT_INS.size(), TaskRegistry.load(tasksDir, parent).all().size());
    }

    @Test
    void aJarInTheTasksDirectoryIsLoadedBesideTheBuiltIns() throws Exception {
        TaskJars.build(tasksDir.resolve("user.jar"),
                Map.of("com.example.Greet", TaskJars.task("com.example.Greet", "@TaskName(\"greet\")")),
                List.of("com.example.Greet"));
        TaskRegistry registry = TaskRegistry.load(tasksDir, parent);

        RegisteredTask greet = registry.require("greet");
        assertEquals("com.example.Greet", greet.taskClass().getName());
        assertNotSame(parent, greet.taskClass().getClassLoader());
        assertEquals("greet(Integer) -> String", greet.signature());
        assertEquals("user task 7", greet.instance().call(7, new StubContext()));
        assertSame(greet, registry.require(greet.taskClass()));
        assertEquals(BUILT_INS.size() + 1, registry.all().size());
    }

    @Test
    void typesResolveThroughAGenericSuperclass() throws Exception {
        TaskJars.build(tasksDir.resolve("user.jar"), Map.of(
                "com.example.Base", "package com.example; import io.mqpool.jobs.*; import java.util.List;\n"
                        + "public abstract class Base<T> implements Task<List<T>, T> {}",
                "com.example.First", "package com.example; import io.mqpool.jobs.*; import java.util.List;\n"
                        + "@TaskName(\"first\") public class First extends Base<Long> {\n"
                        + "  public Long call(List<Long> xs, TaskContext ctx) { return xs.get(0); } }"),
                List.of("com.example.First"));
        RegisteredTask first = TaskRegistry.load(tasksDir, parent).require("first");
        assertEquals("first(List<Long>) -> Long", first.signature());
        assertEquals(Long.class, first.resultType().getRawClass());
        assertEquals(Long.class, first.argumentType().getContentType().getRawClass());
    }

    @Test
    void twoTasksWithTheSameNameFailNamingBoth() throws Exception {
        TaskJars.build(tasksDir.resolve("clash.jar"),
                Map.of("com.example.Cube", TaskJars.task("com.example.Cube", "@TaskName(\"compute_cube\")")),
                List.of("com.example.Cube"));
        TaskRegistrationException e = assertThrows(TaskRegistrationException.class,
                () -> TaskRegistry.load(tasksDir, parent));
        assertEquals("task classes io.mqpool.jobs.builtin.ComputeCube and com.example.Cube are both "
                + "named 'compute_cube': rename one of them", e.getMessage());
    }

    @Test
    void aTaskWithoutANameFailsNamingTheClass() throws Exception {
        assertEquals("task class com.example.Anon has no @TaskName: annotate it with a name such as "
                + "@TaskName(\"my_task\")", registrationFailure("com.example.Anon", ""));
    }

    @Test
    void aMalformedNameFailsNamingTheClassAndTheRule() throws Exception {
        assertEquals("task class com.example.Shout is named 'Shout': a task name is lower-case letters, "
                + "digits and underscores, starting with a letter",
                registrationFailure("com.example.Shout", "@TaskName(\"Shout\")"));
    }

    @Test
    void aRawTaskFails() throws Exception {
        TaskJars.build(tasksDir.resolve("raw.jar"), Map.of("com.example.Raw",
                "package com.example; import io.mqpool.jobs.*;\n"
                        + "@TaskName(\"raw\") @SuppressWarnings(\"rawtypes\") public class Raw implements Task {\n"
                        + "  public Object call(Object a, TaskContext ctx) { return a; } }"),
                List.of("com.example.Raw"));
        assertEquals("task class com.example.Raw uses the raw type io.mqpool.jobs.Task: give its type "
                + "arguments so the task's argument and result types resolve", loadFailure());
    }

    @Test
    void aTaskExtendingARawGenericBaseFails() throws Exception {
        TaskJars.build(tasksDir.resolve("raw.jar"), Map.of(
                "com.example.Base", "package com.example; import io.mqpool.jobs.*;\n"
                        + "public abstract class Base<T> implements Task<T, String> {}",
                "com.example.Sub", "package com.example; import io.mqpool.jobs.*;\n"
                        + "@TaskName(\"sub\") @SuppressWarnings(\"rawtypes\") public class Sub extends Base {\n"
                        + "  public String call(Object a, TaskContext ctx) { return \"\"; } }"),
                List.of("com.example.Sub"));
        assertEquals("task class com.example.Sub uses the raw type com.example.Base: give its type "
                + "arguments so the task's argument and result types resolve", loadFailure());
    }

    @Test
    void aGenericTaskClassFails() throws Exception {
        TaskJars.build(tasksDir.resolve("gen.jar"), Map.of("com.example.Gen",
                "package com.example; import io.mqpool.jobs.*;\n"
                        + "@TaskName(\"gen\") public class Gen<T> implements Task<T, String> {\n"
                        + "  public String call(T a, TaskContext ctx) { return \"\"; } }"),
                List.of("com.example.Gen"));
        assertEquals("task class com.example.Gen is generic: a registered task must fix its argument "
                + "and result types", loadFailure());
    }

    @Test
    void aTasksPathThatIsAFileFails() throws IOException {
        Path file = Files.writeString(tasksDir.resolve("plain"), "x");
        assertEquals("tasks directory " + file + " is not a directory",
                assertThrows(TaskRegistrationException.class, () -> TaskRegistry.load(file, parent)).getMessage());
    }

    private String registrationFailure(String fqcn, String annotation) throws IOException {
        TaskJars.build(tasksDir.resolve("bad.jar"), Map.of(fqcn, TaskJars.task(fqcn, annotation)), List.of(fqcn));
        return loadFailure();
    }

    private String loadFailure() {
        return assertThrows(TaskRegistrationException.class, () -> TaskRegistry.load(tasksDir, parent))
                .getMessage();
    }
}
