package io.mqpool.worker;

import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** A test task whose result Jackson cannot serialise (a bean without properties). */
@TaskName("unserialisable_result")
public class UnserialisableResult implements Task<Integer, Object> {

    @Override
    public Object call(Integer ignored, TaskContext ctx) {
        return new Opaque();
    }

    /** No getters, so Jackson refuses it. */
    static final class Opaque {
    }
}
