package io.mqpool.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.broker.EmbeddedBroker;
import io.mqpool.config.BrokerSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerMainIT {

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killWorkers() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process worker(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                WorkerMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        processes.add(process);
        return process;
    }

    private static String firstLine(java.io.InputStream stream) throws IOException {
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void aBadCommandLineExitsWithCode2AndOneLine() throws Exception {
        Process process = worker("--id", "w1");

        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("mqpool-worker: --broker is required; " + WorkerArguments.USAGE + "\n", err);
    }

    @Test
    void anUnreachableBrokerExitsWithCode3() throws Exception {
        Process process = worker("--broker", "tcp://127.0.0.1:1", "--id", "w1");

        assertTrue(process.waitFor(15, TimeUnit.SECONDS));
        assertEquals(3, process.exitValue());
    }

    @Test
    void aReadyWorkerExitsAtOnceWhenItsStdinCloses() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(
                new BrokerSettings("127.0.0.1", 0, 100, 0, 5), dir)) {
            Process process = worker("--broker", broker.url(), "--id", "w9");
            String ready = firstLine(process.getInputStream());
            assertEquals("mqpool-worker ready w9 " + process.pid(), ready);

            process.getOutputStream().close();

            assertTrue(process.waitFor(5, TimeUnit.SECONDS), "worker outlived its stdin");
        }
    }

    @Test
    void aDrainedIdleWorkerExitsWithCode0() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(
                new BrokerSettings("127.0.0.1", 0, 100, 0, 5), dir)) {
            Process process = worker("--broker", broker.url(), "--id", "w9");
            firstLine(process.getInputStream());

            process.getOutputStream().write("drain\n".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();

            assertTrue(process.waitFor(5, TimeUnit.SECONDS), "a drained worker did not exit");
            assertEquals(0, process.exitValue());
        }
    }

    @Test
    void anIdleWorkerWhoseBrokerStopsExitsWithCode3() throws Exception {
        Process process;
        try (EmbeddedBroker broker = EmbeddedBroker.start(
                new BrokerSettings("127.0.0.1", 0, 100, 0, 5), dir)) {
            process = worker("--broker", broker.url(), "--id", "w9");
            firstLine(process.getInputStream());
        }

        // The broker may stop while the worker opens its consumer: that wait must end too.
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the worker waits on a stopped broker");
        assertEquals(3, process.exitValue(),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aWorkerStartedByHandStopsOnSigintButASupervisedOneDoesNot() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(
                new BrokerSettings("127.0.0.1", 0, 100, 0, 5), dir)) {
            Process byHand = worker("--broker", broker.url(), "--id", "w1");
            Process supervised = worker("--broker", broker.url(), "--id", "w2", "--supervised");
            firstLine(byHand.getInputStream());
            firstLine(supervised.getInputStream());

            interrupt(byHand);
            interrupt(supervised);

            assertTrue(byHand.waitFor(5, TimeUnit.SECONDS), "Ctrl-C did not stop the worker");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(supervised::isAlive);
        }
    }

    private static void interrupt(Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
        assertEquals(0, kill.waitFor());
    }
}
