package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.server.HttpApiClient.Answer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supervisors started by hand ({@code mqpool worker --workers N}) beside a server, as on other
 * hosts: the server lists their workers with their host, counts a remote worker's death against
 * the task it ran exactly as a local one, tells a supervisor to drain, and shows one whose
 * supervisor was killed as lost.
 */
class RemoteSupervisorIT {

    @TempDir
    Path dir;

    private ServerProcess server;
    private HttpApiClient api;
    private String token;
    private int brokerPort;
    private Path credentials;
    private final List<Process> remotes = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            brokerPort = socket.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("remote.properties"), "broker.auth=always\n");
        server = ServerProcess.start(dir.resolve("data"), 1, "--config", config.toString(),
                "--broker-port", Integer.toString(brokerPort));
        api = new HttpApiClient(server.url());
        token = Files.readString(server.dataDir().resolve("http-token")).strip();
        credentials = Files.copy(server.dataDir().resolve("worker-credentials.properties"),
                dir.resolve("worker.properties"));
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process remote : remotes) {
            remote.descendants().forEach(ProcessHandle::destroyForcibly);
            remote.destroyForcibly();
            remote.waitFor(10, TimeUnit.SECONDS);
        }
        server.close();
    }

    @Test
    void remoteWorkersAreListedAndADeathCountsAgainstItsTaskAndTheHostDrainsWhenTold() throws Exception {
        Process remote = startRemote("hostb", 2);
        awaitHost("hostb", "reporting", 2);
        List<JsonNode> listed = remoteWorkers("hostb");
        assertEquals(List.of("hostb-w1", "hostb-w2"), listed.stream().map(w -> w.get("id").asText()).sorted().toList());
        assertTrue(listed.stream().allMatch(w -> !w.get("host").asText().isEmpty()), listed.toString());

        // The server's one worker is kept busy, so the next task runs on a remote one.
        String busy = submit("{\"task\": \"sleep_millis\", \"args\": [8000]}");
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/jobs/" + busy).path("running").asInt() == 1);
        String doomed = submit("{\"task\": \"sleep_millis\", \"args\": [5000], \"retries\": 0}");
        JsonNode runner = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> remoteWorkers("hostb").stream().filter(w -> doomed.equals(w.path("job").asText()))
                        .findFirst().orElse(null), w -> w != null);
        ProcessHandle.of(runner.get("pid").asLong()).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/api/jobs/" + doomed).get("state").asText(), s -> !s.equals("RUNNING"));
        JsonNode outcome = api.mapper().readTree(body("/api/jobs/" + doomed + "/outcomes.jsonl").lines().toList().get(0));
        String error = outcome.toString();
        assertTrue(error.contains("worker died 1 time while running this task") && error.contains("signal 9"),
                "the remote death was counted against the task: " + error);

        Answer drain = post("/api/workers/hosts/hostb/drain");
        assertEquals(202, drain.status(), drain.body());
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> MqpoolCli.read(remote.getInputStream()));
        assertTrue(remote.waitFor(60, TimeUnit.SECONDS), "the drained supervisor exits");
        assertEquals(0, remote.exitValue(), out.join());
        assertTrue(out.join().contains("drained"), out.join());
        assertEquals(404, post("/api/workers/hosts/nohost/drain").status());
    }

    @Test
    void aHostWhoseSupervisorIsKilledIsShownAsLostAndItsWorkersGoWithIt() throws Exception {
        Process remote = startRemote("hostc", 1);
        awaitHost("hostc", "reporting", 1);
        List<ProcessHandle> workers = remote.descendants().toList();
        remote.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> host("hostc").path("state").asText(), "lost"::equals);
        assertEquals("lost", remoteWorkers("hostc").get(0).get("state").asText());
        await().atMost(Duration.ofSeconds(30)).until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
        // The work goes on without it.
        String id = submit("{\"task\": \"compute_cube\", \"args\": [1, 2, 3]}");
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/jobs/" + id).get("state").asText(),
                "COMPLETED"::equals);
    }

    private Process startRemote(String hostId, int workers) throws IOException {
        Path home = Files.createDirectories(dir.resolve(hostId));
        Process remote = MqpoolCli.start(home, Map.of(), "worker", "--broker", "tcp://127.0.0.1:" + brokerPort,
                "--credentials-file", credentials.toString(), "--id", hostId, "--workers", Integer.toString(workers));
        remotes.add(remote);
        return remote;
    }

    private void awaitHost(String hostId, String state, int workers) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> state.equals(host(hostId).path("state").asText())
                        && host(hostId).path("workers").asInt() == workers
                        && remoteWorkers(hostId).stream().allMatch(w -> w.get("state").asText().equals("idle")));
    }

    private JsonNode host(String hostId) {
        return StreamSupport.stream(get("/api/workers/hosts").spliterator(), false)
                .filter(h -> hostId.equals(h.get("id").asText())).findFirst().orElse(api.mapper().createObjectNode());
    }

    private List<JsonNode> remoteWorkers(String hostId) {
        return StreamSupport.stream(get("/api/workers").spliterator(), false)
                .filter(w -> hostId.equals(w.path("hostId").asText())).toList();
    }

    private String submit(String body) {
        Answer submit = api.send(api.request("/api/jobs").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(201, submit.status(), submit.body());
        return submit.json().get("id").asText();
    }

    private Answer post(String path) {
        return api.send(api.request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    private JsonNode get(String path) {
        return api.get(path).json();
    }

    private String body(String path) {
        return api.get(path).body();
    }
}
