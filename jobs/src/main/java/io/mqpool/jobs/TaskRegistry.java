package io.mqpool.jobs;

import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The tasks that may run, found with {@link ServiceLoader}. A name arriving from a form, the
 * command line or a message is looked up here and nowhere else: no class is ever loaded by a
 * name a user sent. Immutable once loaded; safe to share between threads.
 */
public final class TaskRegistry {

    private final Map<String, RegisteredTask> byName;
    private final Map<Class<?>, RegisteredTask> byClass;

    private TaskRegistry(Map<String, RegisteredTask> byName) {
        this.byName = byName;
        Map<Class<?>, RegisteredTask> classes = new HashMap<>();
        byName.values().forEach(t -> classes.put(t.taskClass(), t));
        this.byClass = Map.copyOf(classes);
    }

    /**
     * Finds every task registered in {@code META-INF/services/io.mqpool.jobs.Task} visible to
     * {@code parent}, plus those in every {@code *.jar} directly inside {@code tasksDir}, which
     * are loaded by a child of {@code parent} that stays open for the life of the process.
     * Blocks while scanning the directory and instantiating the tasks.
     *
     * @param tasksDir a directory of task jars; may be null or absent
     * @throws TaskRegistrationException if a task class lacks {@link TaskName}, has a malformed
     *     or duplicate name, has unresolved type arguments, or cannot be instantiated, or if
     *     {@code tasksDir} exists but is not a directory
     * @throws UncheckedIOException if the tasks directory cannot be listed
     */
    @SuppressWarnings("rawtypes") // Task.class can only be named raw; each task's types are checked
    public static TaskRegistry load(Path tasksDir, ClassLoader parent) {
        ClassLoader loader = taskLoader(tasksDir, parent);
        TaskIntrospection introspection = new TaskIntrospection(TypeFactory.defaultInstance());
        Map<String, RegisteredTask> byName = new TreeMap<>();
        try {
            for (ServiceLoader.Provider<Task> provider
                    : ServiceLoader.load(Task.class, loader).stream().collect(Collectors.toList())) {
                // Checked on the class first, so a task without a name is never instantiated.
                introspection.nameOf(provider.type());
                RegisteredTask task = introspection.describe(provider.get());
                RegisteredTask clash = byName.putIfAbsent(task.name(), task);
                if (clash != null) {
                    throw new TaskRegistrationException("task classes " + clash.taskClass().getName()
                            + " and " + task.taskClass().getName() + " are both named '"
                            + task.name() + "': rename one of them");
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new TaskRegistrationException("cannot load a registered task: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return new TaskRegistry(byName);
    }

    private static ClassLoader taskLoader(Path tasksDir, ClassLoader parent) {
        if (tasksDir == null || !Files.exists(tasksDir)) {
            return parent;
        }
        if (!Files.isDirectory(tasksDir)) {
            throw new TaskRegistrationException("tasks directory " + tasksDir + " is not a directory");
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(tasksDir)) {
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                jars.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot turn a jar path into a URL: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list tasks directory " + tasksDir, e);
        }
        if (jars.isEmpty()) {
            return parent;
        }
        // Never closed on purpose: the task classes it loads are used until the process exits.
        return new URLClassLoader("mqpool-tasks", jars.toArray(URL[]::new), parent);
    }

    /** The task of that name, if registered. Does not block. */
    public Optional<RegisteredTask> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The task of that name. Does not block.
     *
     * @throws UnknownTaskException if no task has that name; the message lists those that do
     */
    public RegisteredTask require(String name) {
        return find(name).orElseThrow(() -> new UnknownTaskException("unknown task '" + name
                + "'; registered tasks: " + String.join(", ", byName.keySet())));
    }

    /**
     * The task implemented by exactly this class. Does not block.
     *
     * @throws UnknownTaskException if the class is not registered
     */
    public RegisteredTask require(Class<?> taskClass) {
        RegisteredTask task = byClass.get(taskClass);
        if (task == null) {
            throw new UnknownTaskException("task class " + taskClass.getName()
                    + " is not registered: list it in META-INF/services/" + Task.class.getName());
        }
        return task;
    }

    /** Every registered task, sorted by name. */
    public List<RegisteredTask> all() {
        return byName.values().stream().sorted(Comparator.comparing(RegisteredTask::name))
                .collect(Collectors.toUnmodifiableList());
    }
}
