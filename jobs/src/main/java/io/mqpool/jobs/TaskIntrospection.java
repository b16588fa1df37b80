package io.mqpool.jobs;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Works out what a registered task class is: its name, its resolved {@code A} and {@code R},
 * and its signature. Rejects classes the registry cannot use.
 */
final class TaskIntrospection {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final TypeFactory types;

    TaskIntrospection(TypeFactory types) {
        this.types = types;
    }

    /** The name on the class, checked before the class is instantiated. */
    String nameOf(Class<?> taskClass) {
        TaskName annotation = taskClass.getAnnotation(TaskName.class);
        if (annotation == null) {
            throw new TaskRegistrationException("task class " + taskClass.getName()
                    + " has no @TaskName: annotate it with a name such as @TaskName(\"my_task\")");
        }
        String name = annotation.value();
        if (!NAME.matcher(name).matches()) {
            throw new TaskRegistrationException("task class " + taskClass.getName() + " is named '"
                    + name + "': a task name is lower-case letters, digits and underscores, "
                    + "starting with a letter");
        }
        return name;
    }

    @SuppressWarnings("unchecked") // the types were checked: A and R come from the class itself
    RegisteredTask describe(Task<?, ?> instance) {
        Class<?> taskClass = instance.getClass();
        String name = nameOf(taskClass);
        if (taskClass.getTypeParameters().length > 0) {
            throw new TaskRegistrationException("task class " + taskClass.getName()
                    + " is generic: a registered task must fix its argument and result types");
        }
        requireNoRawTask(taskClass, taskClass);
        JavaType[] params = types.constructType(taskClass).findTypeParameters(Task.class);
        if (params.length != 2) {
            throw new TaskRegistrationException("task class " + taskClass.getName()
                    + " implements the raw type Task: write Task<A, R> with its argument and result types");
        }
        String signature = name + "(" + parameters(params[0]) + ") -> " + typeName(params[1]);
        return new RegisteredTask(name, (Task<Object, Object>) instance, params[0], params[1], signature);
    }

    /** Fails if any path from the class up to Task goes through a raw generic type. */
    private static void requireNoRawTask(Class<?> taskClass, Class<?> current) {
        List<Type> supertypes = new ArrayList<>(Arrays.asList(current.getGenericInterfaces()));
        if (current.getGenericSuperclass() != null) {
            supertypes.add(current.getGenericSuperclass());
        }
        for (Type supertype : supertypes) {
            Class<?> raw = supertype instanceof ParameterizedType
                    ? (Class<?>) ((ParameterizedType) supertype).getRawType() : (Class<?>) supertype;
            if (!Task.class.isAssignableFrom(raw)) {
                continue;
            }
            if (supertype instanceof Class && raw.getTypeParameters().length > 0) {
                throw new TaskRegistrationException("task class " + taskClass.getName()
                        + " uses the raw type " + raw.getName()
                        + ": give its type arguments so the task's argument and result types resolve");
            }
            requireNoRawTask(taskClass, raw);
        }
    }

    /** The parameter list: a record's components by type and name, else the one type. */
    private String parameters(JavaType argument) {
        Class<?> raw = argument.getRawClass();
        if (!raw.isRecord()) {
            return typeName(argument);
        }
        return Arrays.stream(raw.getRecordComponents())
                .map(c -> typeName(componentType(argument, c)) + " " + c.getName())
                .collect(Collectors.joining(", "));
    }

    JavaType componentType(JavaType record, RecordComponent component) {
        return types.resolveMemberType(component.getGenericType(), record.getBindings());
    }

    static String typeName(JavaType type) {
        if (type.isArrayType()) {
            return typeName(type.getContentType()) + "[]";
        }
        String simple = type.getRawClass().getSimpleName();
        if (type.containedTypeCount() == 0) {
            return simple;
        }
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < type.containedTypeCount(); i++) {
            arguments.add(typeName(type.containedType(i)));
        }
        return simple + "<" + String.join(", ", arguments) + ">";
    }
}
