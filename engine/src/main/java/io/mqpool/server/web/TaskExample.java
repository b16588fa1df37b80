package io.mqpool.server.web;

import io.mqpool.jobs.RegisteredTask;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** An example argument for a task, as JSON, made from its argument type, for the submit form. */
final class TaskExample {

    private TaskExample() {
    }

    /** Such as {@code 3} for {@code compute_square(Integer)} or {@code [2, 3]} for a record of two ints. */
    static String of(RegisteredTask task) {
        Class<?> type = task.argumentType().getRawClass();
        if (type.isRecord()) {
            // A record binds from a list of its components in order (what starmap sends too).
            return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                    .map(TaskExample::scalar).collect(Collectors.joining(", ", "[", "]"));
        }
        return scalar(type);
    }

    private static String scalar(Class<?> type) {
        if (type == String.class || type == CharSequence.class) {
            return "\"text\"";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "2.5";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "3";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "[1, 2]";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "{\"key\": 1}";
        }
        return "null";
    }
}
