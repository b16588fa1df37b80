package io.mqpool.jobs.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/** Returns its argument unchanged, whatever JSON it is. */
@TaskName("echo")
public class Echo implements Task<JsonNode, JsonNode> {

    @Override
    public JsonNode call(JsonNode arg, TaskContext ctx) {
        return arg;
    }
}
