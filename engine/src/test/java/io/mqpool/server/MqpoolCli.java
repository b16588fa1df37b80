package io.mqpool.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar's commands as their own processes, in an environment the test chooses. */
final class MqpoolCli {

    /** What a command printed and how it ended. */
    record Run(int exitCode, String out, String err) {
    }

    private MqpoolCli() {
    }

    /**
     * Runs {@code mqpool ARGS} to its end (at most 60 s) with {@code env} added to this process's
     * environment and {@code MQPOOL_DATA} pointing at {@code home}, so no file of the user's is read.
     */
    static Run run(Path home, Map<String, String> env, String... args) {
        Process process = start(home, env, args);
        try {
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("mqpool " + String.join(" ", args) + " did not end in 60 s");
            }
            return new Run(process.exitValue(), out, err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Starts {@code mqpool ARGS} and leaves it running; the caller reads its output and ends it. */
    static Process start(Path home, Map<String, String> env, String... args) {
        return start(List.of(), home, env, args);
    }

    /**
     * Starts {@code PREFIX... java -jar mqpool.jar ARGS}, such as {@code ip netns exec NS} before it,
     * and leaves it running.
     */
    static Process start(List<String> prefix, Path home, Map<String, String> env, String... args) {
        // C1 only: most of these JVMs live a second. Their temporary directory is the test's own,
        // so what a process killed with kill -9 leaves there goes with the test's directory.
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + temporaryDirectory(home), "-jar", ServerProcess.packagedJar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("MQPOOL_"));
        builder.environment().put("MQPOOL_DATA", home.toString());
        // No class archive in the home of whoever runs the tests; WorkerClassArchiveIT tests them.
        builder.environment().put("MQPOOL_WORKER_CLASS_ARCHIVES", "");
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        }
    }

    private static Path temporaryDirectory(Path home) {
        try {
            return Files.createDirectories(home.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory in " + home, e);
        }
    }

    static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
