package io.mqpool.process;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What to start as a child process and how to read and stop it.
 *
 * @param name a short name for messages, such as {@code server}
 * @param command the program and its arguments
 * @param stdout how its standard output is read
 * @param stderr how its standard error is read
 * @param keepStdin whether its standard input stays open for {@link ChildProcess#stdin()};
 *     when not, it is closed at once, so a child that reads it sees its end
 * @param charset what its streams are read and written in
 * @param timeouts how long each step of stopping it waits
 */
public record ChildSpec(String name, List<String> command, OutputReading stdout, OutputReading stderr,
                        boolean keepStdin, Charset charset, StopTimeouts timeouts) {

    public ChildSpec {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the command of the " + name + " is empty");
        }
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(timeouts, "timeouts");
    }

    /** A child whose stdin is closed, read in UTF-8 and stopped with {@link StopTimeouts#DEFAULTS}. */
    public static ChildSpec of(String name, List<String> command, OutputReading stdout, OutputReading stderr) {
        return new ChildSpec(name, command, stdout, stderr, false, StandardCharsets.UTF_8, StopTimeouts.DEFAULTS);
    }

    /** The same child with its stdin kept open. */
    public ChildSpec withStdin() {
        return new ChildSpec(name, command, stdout, stderr, true, charset, timeouts);
    }

    /** The same child with its streams read and written in {@code streamCharset}. */
    public ChildSpec withCharset(Charset streamCharset) {
        return new ChildSpec(name, command, stdout, stderr, keepStdin, streamCharset, timeouts);
    }

    /** The same child stopped with {@code stopTimeouts}. */
    public ChildSpec withTimeouts(StopTimeouts stopTimeouts) {
        return new ChildSpec(name, command, stdout, stderr, keepStdin, charset, stopTimeouts);
    }
}
