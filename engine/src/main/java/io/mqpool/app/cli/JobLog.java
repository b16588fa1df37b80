package io.mqpool.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mqpool results ID --joblog FILE}: one tab-separated line per task, after a header, in
 * the spirit of GNU parallel's {@code --joblog}. It keeps parallel's first four columns
 * ({@code Seq Host Starttime JobRuntime}) and its {@code Exitval} and {@code Signal}; parallel's
 * {@code Send} and {@code Receive} (bytes moved) and {@code Command} have no counterpart here, and
 * mqpool's own {@code Attempt}, {@code Outcome}, {@code Exit} and {@code Error} take their place:
 *
 * <pre>
 * Seq        the task's index in the job (from 0)
 * Host       the worker that ran it (w1, w2, ...), - when the engine settled it without one
 * Starttime  when its chunk started, epoch seconds with milliseconds (the worker's clock), or -
 * JobRuntime how long its chunk ran, seconds with milliseconds, or -; at chunksize 1 the task's own
 * Attempt    which attempt the outcome is of: each worker death under the task counts one
 * Outcome    ok, error, timeout or cancelled
 * Exitval    0 for ok, 1 otherwise
 * Signal     the signal that ended the last worker that died under the task (9 for a kill), else 0
 * Exit       how that worker ended as the store records it (signal 9, code 1), or -
 * Error      the failure's type: message on one line, or -
 * </pre>
 *
 * A task of a finished job that has no outcome (the job was cancelled or timed out first) gets a
 * {@code cancelled} line at the end. Each page of results is flushed as it is written, so with
 * {@code --follow} the file grows as the job runs. Not thread-safe.
 */
final class JobLog implements AutoCloseable {

    static final String HEADER = String.join("\t", "Seq", "Host", "Starttime", "JobRuntime", "Attempt", "Outcome",
            "Exitval", "Signal", "Exit", "Error");
    private static final String TIMEOUT_TYPE = "io.mqpool.TaskTimeoutException";
    private static final Pattern SIGNAL = Pattern.compile("signal (\\d+)");

    private final Path file;
    private final BufferedWriter writer;
    private final BitSet seen = new BitSet();

    private JobLog(Path file, BufferedWriter writer) {
        this.file = file;
        this.writer = writer;
    }

    /**
     * Creates (or replaces) {@code file} and writes the header.
     *
     * @throws CliException (exit 2) if it cannot be written
     */
    static JobLog open(Path file) {
        try {
            BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            JobLog log = new JobLog(file, writer);
            log.line(HEADER);
            log.flush();
            return log;
        } catch (IOException | UncheckedIOException e) {
            throw CliException.badInput("cannot write the job log " + file + ": " + reason(e)
                    + "; give --joblog a file in a directory you can write to");
        }
    }

    /** Writes the line of one result item of {@code GET /api/jobs/{id}/results?runs=true}. */
    void write(JsonNode item) {
        long index = item.path("index").asLong();
        seen.set(Math.toIntExact(index));
        JsonNode run = item.path("run");
        JsonNode error = item.path("error");
        String outcome = error.isMissingNode() ? "ok"
                : TIMEOUT_TYPE.equals(error.path("type").asText()) ? "timeout" : "error";
        String exit = text(run.path("exit"));
        Long started = number(run.path("startedAtMs"));
        Long finished = number(run.path("finishedAtMs"));
        line(new StringJoiner("\t").add(Long.toString(index)).add(text(run.path("worker")))
                .add(started == null ? "-" : seconds(started))
                .add(started == null || finished == null ? "-" : seconds(finished - started))
                .add(Integer.toString(run.path("attempt").asInt(1))).add(outcome)
                .add(outcome.equals("ok") ? "0" : "1").add(signal(exit)).add(exit)
                .add(error.isMissingNode() ? "-" : headline(error)).toString());
    }

    /** Writes a {@code cancelled} line for each task below {@code totalTasks} without a line yet. */
    void cancelledRest(long totalTasks) {
        for (int index = seen.nextClearBit(0); index < totalTasks; index = seen.nextClearBit(index + 1)) {
            seen.set(index);
            line(String.join("\t", Integer.toString(index), "-", "-", "-", "0", "cancelled", "1", "0", "-", "-"));
        }
    }

    /** Pushes what was written to the file. */
    void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private void line(String line) {
        try {
            writer.write(line);
            writer.newLine();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private CliException failed(IOException e) {
        return CliException.badInput("cannot write the job log " + file + ": " + reason(e));
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%d.%03d", Math.floorDiv(millis, 1000), Math.floorMod(millis, 1000));
    }

    private static String signal(String exit) {
        Matcher m = SIGNAL.matcher(exit);
        return m.find() ? m.group(1) : "0";
    }

    private static String headline(JsonNode error) {
        String type = error.path("type").asText();
        String message = error.path("message").asText("");
        return oneField(message.isEmpty() ? type : type + ": " + message);
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.asText().isEmpty() ? "-" : oneField(node.asText());
    }

    private static Long number(JsonNode node) {
        return node.isNumber() ? node.asLong() : null;
    }

    /** Tabs and line breaks would split the line or the field: each becomes a space. */
    private static String oneField(String text) {
        return text.replaceAll("[\\t\\r\\n]+", " ");
    }
}
