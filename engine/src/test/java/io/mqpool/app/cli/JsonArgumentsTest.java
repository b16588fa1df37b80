package io.mqpool.app.cli;

import io.mqpool.app.client.HttpJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonArgumentsTest {

    @TempDir
    Path dir;

    private final JsonArguments arguments = new JsonArguments(HttpJson.newMapper());

    @ParameterizedTest(name = "{0} is sent as {1}")
    @CsvSource(delimiter = '|', value = {
        "3 | 3",
        "-2.5 | -2.5",
        "[2, 5] | [2,5]",
        "'{\"a\": 1}' | '{\"a\":1}'",
        "'\"quoted\"' | '\"quoted\"'",
        "true | true",
        "null | null",
        "hello | '\"hello\"'",
        "hello world | '\"hello world\"'",
        "12abc | '\"12abc\"'",
        "1 2 | '\"1 2\"'",
        "'' | '\"\"'"})
    void aWordIsJsonWhenItParsesAndAStringOtherwise(String word, String json) {
        assertEquals(json, arguments.word(word).toString());
    }

    @Test
    void aWordThatOpensLikeJsonMustBeJson() {
        CliException e = assertThrows(CliException.class, () -> arguments.word("[1, 2"));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("argument '[1, 2' is not JSON: Unexpected end-of-input"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }

    @Test
    void starNeedsEveryWordToBeAList() {
        assertEquals("[[2,3],[3,4]]", arguments.words(List.of("[2,3]", "[3, 4]"), true).toString());
        CliException e = assertThrows(CliException.class, () -> arguments.words(List.of("[2,3]", "5"), true));
        assertEquals("--star needs each argument to be a JSON list such as [2,5], got '5'", e.getMessage());
    }

    @Test
    void anInputFileHasOneArgumentPerLineSkippingBlankLines() throws IOException {
        Path file = Files.writeString(dir.resolve("in.jsonl"), "1\n\n  \n\"two\"\n[3]\n{\"n\": 4}\n");
        assertEquals("[1,\"two\",[3],{\"n\":4}]", arguments.file(file, false).toString());
    }

    @Test
    void aBadLineIsReportedByFileAndLineNumber() throws IOException {
        Path file = Files.writeString(dir.resolve("in.jsonl"), "1\n\n2\nhello\n");
        CliException e = assertThrows(CliException.class, () -> arguments.file(file, false));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith(file + ":4: not JSON: Unrecognized token 'hello'"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }

    @Test
    void anUnclosedListLineIsReportedWithoutJacksonsSourceExcerpt() throws IOException {
        Path file = Files.writeString(dir.resolve("in.jsonl"), "[1, 2\n");
        CliException e = assertThrows(CliException.class, () -> arguments.file(file, false));
        assertEquals(file + ":1: not JSON: Unexpected end-of-input: expected close marker for Array", e.getMessage());
    }

    @Test
    void withStarEveryLineMustBeAList() throws IOException {
        Path file = Files.writeString(dir.resolve("in.jsonl"), "[2, 3]\n7\n");
        CliException e = assertThrows(CliException.class, () -> arguments.file(file, true));
        assertEquals(file + ":2: --star needs a JSON list such as [2,5], got 7", e.getMessage());
    }

    @Test
    void anUnreadableFileIsOneLineSayingWhy() {
        Path missing = dir.resolve("missing.jsonl");
        assertEquals("cannot read " + missing + ": no such file",
                assertThrows(CliException.class, () -> arguments.file(missing, false)).getMessage());
        assertEquals("cannot read " + dir + ": is a directory",
                assertThrows(CliException.class, () -> arguments.file(dir, false)).getMessage());
    }

    @ParameterizedTest(name = "--range {0} is {1}")
    @CsvSource({"1..16, 1..16", " 0..0 , 0..0", "-3..3, -3..3"})
    void aRangeIsTwoWholeNumbers(String text, String sent) {
        assertEquals(sent, RangeArgument.parse(text).toString());
    }

    @ParameterizedTest(name = "--range {0} is refused")
    @CsvSource(delimiter = '|', value = {
        "1-16 | --range must be A..B with whole numbers, such as 1..16, got '1-16'",
        "a..b | --range must be A..B with whole numbers, such as 1..16, got 'a..b'",
        "1...3 | --range must be A..B with whole numbers, such as 1..16, got '1...3'",
        "9..1 | --range must run upwards, A..B with A <= B, got 9..1"})
    void aRangeThatIsNotOneIsRefused(String text, String message) {
        CliException e = assertThrows(CliException.class, () -> RangeArgument.parse(text));
        assertEquals(message, e.getMessage());
        assertEquals(ExitCodes.USAGE, e.exitCode());
    }
}
