package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A supervisor on another host whose broker is not there: it says so, keeps trying, and still drains when told. */
class RemoteHostOfflineIT {

    @TempDir
    Path dir;

    @Test
    void aHostThatCannotReachTheBrokerSaysSoAndDrainsWhenTold() throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }
        Process remote = MqpoolCli.start(dir, Map.of(), "worker", "--broker", "tcp://127.0.0.1:" + nobody,
                "--workers", "1", "--id", "offline");
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(remote.getInputStream(),
                    StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (IOException e) {
                // the process is gone
            }
        }, "offline-host-stdout");
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> lines.stream().anyMatch(l -> l.contains("cannot reach the broker at tcp://127.0.0.1:"
                            + nobody)));
            assertTrue(lines.stream().anyMatch(l -> l.contains("trying again every")), lines.toString());

            List<ProcessHandle> workers = remote.descendants().toList();
            OutputStream stdin = remote.getOutputStream();
            stdin.write("drain\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            assertTrue(remote.waitFor(30, TimeUnit.SECONDS), "a host told to drain exits, broker or not: " + lines);
            assertEquals(0, remote.exitValue(), lines.toString());
            reader.join(5_000);
            assertTrue(lines.stream().anyMatch(l -> l.endsWith("offline: drained")), lines.toString());
            await().atMost(Duration.ofSeconds(10)).until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            remote.descendants().forEach(ProcessHandle::destroyForcibly);
            remote.destroyForcibly();
            remote.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
