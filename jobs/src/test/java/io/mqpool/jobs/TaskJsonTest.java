package io.mqpool.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.jobs.builtin.ComputePower;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskJsonTest {

    private static final TaskRegistry REGISTRY = TaskRegistry.load(null, TaskJsonTest.class.getClassLoader());

    private final TaskJson json = new TaskJson();

    private JsonNode parse(String text) throws Exception {
        return json.mapper().readTree(text);
    }

    private Object bind(String task, String argument) throws Exception {
        return json.bindArgument(REGISTRY.require(task), parse(argument));
    }

    private String bindingFailure(String task, String argument) throws Exception {
        JsonNode arg = parse(argument);
        ArgumentBindingException e = assertThrows(ArgumentBindingException.class,
                () -> json.bindArgument(REGISTRY.require(task), arg));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void anIntegerBindsToAnIntegerArgument() throws Exception {
        assertEquals(3, bind("compute_square", "3"));
    }

    @Test
    void aTupleBindsPositionallyToARecordsComponents() throws Exception {
        assertEquals(new ComputePower.Args(2, 10), bind("compute_power", "[2, 10]"));
    }

    @Test
    void anObjectBindsARecordByComponentName() throws Exception {
        assertEquals(new ComputePower.Args(3, 4), bind("compute_power", "{\"exponent\": 4, \"base\": 3}"));
    }

    @Test
    void anyJsonBindsToAJsonNodeArgumentUnchanged() throws Exception {
        for (String text : List.of("{\"a\": [1, 2.5, null]}", "\"x\"", "null", "[1, 2]")) {
            assertEquals(parse(text), bind("echo", text));
        }
        assertEquals(parse("null"), json.bindArgument(REGISTRY.require("echo"), null));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', value = {
        "compute_square | \"three\" | argument \"three\" does not fit compute_square(Integer): expected an integer",
        "compute_square | 2.5 | argument 2.5 does not fit compute_square(Integer): expected an integer",
        "compute_square | true | argument true does not fit compute_square(Integer): expected an integer",
        "compute_square | [3] | argument [3] does not fit compute_square(Integer): expected an integer",
        "compute_square | 3000000000 | argument 3000000000 does not fit compute_square(Integer): expected an integer within the range of int",
        "fail_on_purpose | 5 | argument 5 does not fit fail_on_purpose(String): expected a string",
        "compute_power | [2] | tuple [2] does not fit compute_power(long base, int exponent): expected 2 values, got 1",
        "compute_power | [2, 3, 4] | tuple [2,3,4] does not fit compute_power(long base, int exponent): expected 2 values, got 3",
        "compute_power | [2, \"x\"] | tuple [2,\"x\"] does not fit compute_power(long base, int exponent): expected an integer for exponent, got \"x\"",
        "compute_power | [2, null] | tuple [2,null] does not fit compute_power(long base, int exponent): expected an integer for exponent, got null",
        "compute_power | [2.5, 1] | tuple [2.5,1] does not fit compute_power(long base, int exponent): expected an integer for base, got 2.5",
        "compute_power | {\"base\": 2} | argument {\"base\":2} does not fit compute_power(long base, int exponent): missing field 'exponent'",
        "compute_power | {\"base\": 2, \"exponent\": 1, \"x\": 0} | argument {\"base\":2,\"exponent\":1,\"x\":0} does not fit compute_power(long base, int exponent): unknown field 'x'",
        "compute_power | 5 | argument 5 does not fit compute_power(long base, int exponent): expected an array of 2 values or an object with base, exponent",
        "compute_power | {\"exponent\": 2} | argument {\"exponent\":2} does not fit compute_power(long base, int exponent): missing field 'base'",
        "compute_power | [2, 3000000000] | tuple [2,3000000000] does not fit compute_power(long base, int exponent): expected an integer within the range of int for exponent, got 3000000000",
        "sleep_millis | \"5\" | argument \"5\" does not fit sleep_millis(Integer): expected an integer",
    })
    void aValueThatDoesNotFitFailsWithOneLine(String task, String argument, String message) throws Exception {
        assertEquals(message, bindingFailure(task, argument));
    }

    @Test
    void resultsRoundTripThroughJson() {
        Map<String, Object> results = Map.of(
                "compute_square", "3 squared is 9",
                "compute_cube", 27L,
                "compute_power", 9_000_000_000L,
                "sleep_millis", 5);
        results.forEach((name, value) -> {
            RegisteredTask task = REGISTRY.require(name);
            assertEquals(value, json.readResult(task, json.toJson(value)));
        });
    }

    @Test
    void aRecordTurnsIntoAnObjectThatBindsBack() {
        ComputePower.Args args = new ComputePower.Args(2, 3);
        JsonNode tree = json.toJson(args);
        assertTrue(tree.isObject());
        assertEquals(args, json.bindArgument(REGISTRY.require("compute_power"), tree));
        assertEquals(args, json.bindArgument(REGISTRY.require("compute_power"), json.toJson(List.of(2, 3))));
    }

    @Test
    void aResultThatDoesNotFitFailsWithOneLine() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> json.readResult(REGISTRY.require("compute_cube"), parse("\"big\"")));
        assertEquals("result \"big\" does not fit compute_cube(Integer) -> Long: expected an integer", e.getMessage());
    }

    @Test
    void aValueJacksonCannotWriteFailsWithOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> json.toJson(new Object()));
        assertTrue(e.getMessage().startsWith("cannot turn a java.lang.Object into JSON: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void signaturesShowNamesTypesAndRecordComponents() {
        assertEquals("compute_power(long base, int exponent) -> Long", REGISTRY.require("compute_power").signature());
        assertEquals("compute_square(Integer) -> String", REGISTRY.require("compute_square").signature());
        assertEquals("echo(JsonNode) -> JsonNode", REGISTRY.require("echo").signature());
        assertEquals("sleep_millis(Integer) -> Integer", REGISTRY.require("sleep_millis").signature());
        assertTrue(REGISTRY.require("compute_power").takesRecord());
        assertFalse(REGISTRY.require("compute_square").takesRecord());
    }
}
