package io.mqpool.jobs;

import com.fasterxml.jackson.databind.JavaType;

/**
 * A task the {@link TaskRegistry} holds: its name, class, argument and result types, and the
 * one instance that serves every call. Immutable.
 */
public final class RegisteredTask {

    private final String name;
    private final Task<Object, Object> instance;
    private final JavaType argumentType;
    private final JavaType resultType;
    private final String signature;

    RegisteredTask(String name, Task<Object, Object> instance, JavaType argumentType,
                   JavaType resultType, String signature) {
        this.name = name;
        this.instance = instance;
        this.argumentType = argumentType;
        this.resultType = resultType;
        this.signature = signature;
    }

    /** The stable name from {@link TaskName}, such as {@code compute_square}. */
    public String name() {
        return name;
    }

    public Class<?> taskClass() {
        return instance.getClass();
    }

    /** The task's {@code A}, resolved through superclasses and interfaces. */
    public JavaType argumentType() {
        return argumentType;
    }

    /** The task's {@code R}. */
    public JavaType resultType() {
        return resultType;
    }

    /** Whether {@code A} is a record, whose components {@code starmap} binds positionally. */
    public boolean takesRecord() {
        return argumentType.getRawClass().isRecord();
    }

    /**
     * How the task reads to a user, such as {@code compute_power(long base, int exponent) -> Long}
     * or {@code compute_square(Integer) -> String}.
     */
    public String signature() {
        return signature;
    }

    /** The instance ServiceLoader created; shared by every call, so it must be stateless. */
    public Task<Object, Object> instance() {
        return instance;
    }

    /** The signature without its result, as in {@code compute_square(Integer)}. */
    String invocation() {
        return signature.substring(0, signature.lastIndexOf(" -> "));
    }

    @Override
    public String toString() {
        return signature + " [" + taskClass().getName() + "]";
    }
}
