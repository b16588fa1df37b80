package io.mqpool.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One task's outcome: {@code {"index": 0, "value": ...}} or {@code {"index": 3, "error":
 * {"type", "message", "stack"}}}, passed through as the worker recorded it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ResultItem(long index, JsonNode value, JsonNode error) {
}
