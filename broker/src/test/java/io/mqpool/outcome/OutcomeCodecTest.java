package io.mqpool.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.outcome.TaskOutcome.Failure;
import io.mqpool.outcome.TaskOutcome.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeCodecTest {

    private final OutcomeCodec codec = new OutcomeCodec();

    private List<TaskOutcome> roundTrip(List<TaskOutcome> outcomes) {
        return codec.decode(codec.encode(outcomes), outcomes.size());
    }

    @Test
    void aValueOfEachJsonTypeComesBackAsTheSameText() {
        List<TaskOutcome> values = List.of(new Value("1"), new Value("-2.5e300"), new Value("123456789012345678901234567890"),
                new Value("\"text with \\\"quotes\\\", commas, ] and }\""), new Value("true"), new Value("false"),
                new Value("null"), new Value("[1,[2,{\"a\":[]}]]"), new Value("{\"k\":\"v\",\"n\":{\"m\":null}}"),
                new Value("\"\""), new Value("[]"), new Value("{}"));

        EncodedOutcomes encoded = codec.encode(values);

        assertEquals(OutcomesForm.VALUES, encoded.form());
        assertEquals(0, encoded.failures());
        assertEquals("[1,-2.5e300,123456789012345678901234567890,\"text with \\\"quotes\\\", commas, ] and }\",true,"
                + "false,null,[1,[2,{\"a\":[]}]],{\"k\":\"v\",\"n\":{\"m\":null}},\"\",[],{}]", encoded.json());
        assertEquals(values, codec.decode(encoded, values.size()));
    }

    @Test
    void aValueThatLooksLikeAnOldPerTaskObjectStaysAValue() {
        List<TaskOutcome> values = List.of(new Value("{\"value\":1}"),
                new Value("{\"error\":{\"type\":\"X\",\"message\":\"m\",\"stack\":\"s\"}}"));

        assertEquals(values, roundTrip(values));
        List<TaskOutcome> withAFailure = new ArrayList<>(values);
        withAFailure.add(new Failure("T", "m", null));
        assertEquals(withAFailure, roundTrip(withAFailure));
    }

    @Test
    void aChunkWithAFailureHasOneObjectPerTask() {
        List<TaskOutcome> outcomes = List.of(new Value("1"), new Failure("java.lang.IllegalStateException", "no", null));

        EncodedOutcomes encoded = codec.encode(outcomes);

        assertEquals(new EncodedOutcomes("[{\"value\":1},{\"error\":{\"type\":\"java.lang.IllegalStateException\","
                + "\"message\":\"no\"}}]", 1, OutcomesForm.PER_TASK), encoded);
        assertEquals(outcomes, codec.decode(encoded, 2));
    }

    @Test
    void aThrownFailureKeepsItsFramesAndNestedCausesWithAndWithoutMessages() {
        Exception root = new IllegalArgumentException();
        Exception middle = new IllegalStateException("middle", root);
        Exception top = new RuntimeException("top: it broke\nacross lines", middle);

        Failure failure = Failure.of(top);
        List<TaskOutcome> back = roundTrip(List.of(failure));

        assertEquals(List.of(failure), back);
        Failure read = (Failure) back.get(0);
        assertEquals("java.lang.RuntimeException", read.type());
        assertEquals("top: it broke\nacross lines", read.message());
        assertEquals(StackFrame.of(top.getStackTrace()[0]), read.frames().get(0));
        assertEquals(top.getStackTrace().length, read.frames().size());
        assertEquals("middle", read.cause().message());
        assertEquals("java.lang.IllegalArgumentException", read.cause().cause().type());
        assertEquals("", read.cause().cause().message(), "no message reads as empty");
        assertNull(read.cause().cause().cause());
        assertNull(read.exit());
        assertNull(read.printedStack());
    }

    @Test
    void framesWithoutAFileOrALineKeepThatTheyLackThem() {
        List<StackFrame> frames = List.of(new StackFrame("a.B", "call", "B.java", 12),
                new StackFrame("a.Generated", "run", null, -1), new StackFrame("a.C", "go", "C.java", -1),
                new StackFrame("java.lang.Object", "wait", null, -2));
        Failure failure = new Failure("a.Oops", "", frames, null, null, null);

        assertEquals(List.of(failure), roundTrip(List.of(failure)));
        assertEquals("a.Oops\n\tat a.B.call(B.java:12)\n\tat a.Generated.run(Unknown Source)\n"
                + "\tat a.C.go(C.java)\n\tat java.lang.Object.wait(Native Method)\n", failure.stackTrace());
    }

    @Test
    void aWorkerDeathAndATimeoutKeepHowTheWorkerEnded() {
        Failure died = new Failure("io.mqpool.WorkerDiedException", "worker died 3 times while running this task "
                + "(last exit: signal 9)", "signal 9");
        Failure timedOut = new Failure("io.mqpool.TaskTimeoutException", "task ran past its task timeout of 1s 1 "
                + "time; its worker was stopped", "signal 15");
        Failure undeliverable = new Failure("io.mqpool.TaskUndeliverableException", "came back 20 times", null);

        List<TaskOutcome> back = roundTrip(List.of(died, timedOut, undeliverable));

        assertEquals(List.of(died, timedOut, undeliverable), back);
        assertEquals("signal 9", ((Failure) back.get(0)).exit());
        assertEquals("", died.stackTrace(), "nothing was thrown where the engine decided");
    }

    @Test
    void thePrintedStackFoldsTheFramesACauseSharesWithWhatItCaused() {
        Exception cause = new IllegalStateException("inner");
        Exception top = new RuntimeException("outer", cause);

        String printed = Failure.of(top).stackTrace();

        assertTrue(printed.startsWith("java.lang.RuntimeException: outer\n\tat io.mqpool.outcome.OutcomeCodecTest."
                + "thePrintedStackFoldsTheFramesACauseSharesWithWhatItCaused(OutcomeCodecTest.java:"), printed);
        assertTrue(printed.contains("\nCaused by: java.lang.IllegalStateException: inner\n\tat io.mqpool.outcome."
                + "OutcomeCodecTest.thePrintedStackFoldsTheFramesACauseSharesWithWhatItCaused(OutcomeCodecTest.java:"),
                printed);
        assertTrue(printed.endsWith("\t... " + (cause.getStackTrace().length - 1) + " more\n"), printed);
    }

    @Test
    void aCauseChainThatLoopsEndsAtTheFirstRepeat() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b", a);
        a.initCause(b);

        Failure failure = Failure.of(a);

        assertEquals("b", failure.cause().message());
        assertNull(failure.cause().cause());
    }

    @Test
    void aLargeChunkOfValuesIsReadValueByValue() {
        List<TaskOutcome> values = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            values.add(new Value(i % 3 == 0 ? Integer.toString(i) : i % 3 == 1 ? "\"task " + i + "\""
                    : "{\"index\":" + i + ",\"squares\":[" + i * i + "," + (i + 1) * (i + 1) + "]}"));
        }
        EncodedOutcomes encoded = codec.encode(values);

        List<TaskOutcome> back = codec.decode(encoded, values.size());

        assertEquals(values, back);
    }

    @Test
    void plainValuesWithWhitespaceAroundThemReadWithoutIt() {
        EncodedOutcomes spaced = new EncodedOutcomes(" [ 1 , \"a b\" ,\n{ \"k\" : [ 2 ] }\t, null ] ", 0,
                OutcomesForm.VALUES);

        assertEquals(List.of(new Value("1"), new Value("\"a b\""), new Value("{ \"k\" : [ 2 ] }"), new Value("null")),
                codec.decode(spaced, 4));
    }

    @Test
    void anOldPerTaskChunkReadsWithItsPrintedStacks() {
        String stack = "java.lang.IllegalArgumentException: negative\n\tat a.B.call(B.java:3)\n";
        EncodedOutcomes old = new EncodedOutcomes("[{\"value\":1},{\"error\":{\"type\":\"java.lang."
                + "IllegalArgumentException\",\"message\":\"negative\",\"stack\":\"" + stack.replace("\n", "\\n")
                .replace("\t", "\\t") + "\"}},{\"value\":{\"value\":2}},{}]", 1, OutcomesForm.PER_TASK);

        List<TaskOutcome> read = codec.decode(old, 4);

        assertEquals(new Value("1"), read.get(0));
        Failure failure = assertInstanceOf(Failure.class, read.get(1));
        assertEquals("negative", failure.message());
        assertEquals(stack, failure.stackTrace());
        assertTrue(failure.frames().isEmpty());
        assertEquals(new Value("{\"value\":2}"), read.get(2));
        assertEquals(new Value("null"), read.get(3), "an object without a value is a null result");
        assertEquals(read, roundTrip(read), "an old failure keeps its printed stack when sent again");
    }

    @Test
    void settledTasksRoundTripByTaskIndex() {
        Map<Long, Failure> settled = Map.of(41L, new Failure("io.mqpool.WorkerDiedException", "died", "code 1"),
                7L, new Failure("T", "m", null));

        String json = codec.encodeSettled(settled);

        assertEquals("{\"7\":{\"type\":\"T\",\"message\":\"m\"},\"41\":{\"type\":\"io.mqpool.WorkerDiedException\","
                + "\"message\":\"died\",\"exit\":\"code 1\"}}", json);
        assertEquals(settled, codec.decodeSettled(json));
        assertEquals(Map.of(), codec.decodeSettled(codec.encodeSettled(Map.of())));
    }

    @Test
    void malformedOutcomesSayWhatIsWrong() {
        assertEquals("hold 2 outcomes for 3 tasks", assertThrows(MalformedOutcomesException.class,
                () -> codec.decode(new EncodedOutcomes("[1,2]", 0, OutcomesForm.VALUES), 3)).getMessage());
        assertTrue(assertThrows(MalformedOutcomesException.class,
                () -> codec.decode(new EncodedOutcomes("[1,", 0, OutcomesForm.VALUES), 1)).getMessage()
                .startsWith("are not valid JSON"));
        assertEquals("hold 0 failures, not the 1 recorded with them", assertThrows(MalformedOutcomesException.class,
                () -> codec.decode(new EncodedOutcomes("[{\"value\":1}]", 1, OutcomesForm.PER_TASK), 1)).getMessage());
        assertEquals("must map each task index to an error object, not \"no\"",
                assertThrows(MalformedOutcomesException.class, () -> codec.decodeSettled("{\"0\": \"no\"}"))
                        .getMessage());
        assertThrows(MalformedOutcomesException.class, () -> codec.decodeSettled("[]"));
        assertThrows(MalformedOutcomesException.class, () -> codec.decodeSettled("{\"x\": {}}"));
    }
}
