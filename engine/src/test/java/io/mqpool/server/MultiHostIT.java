package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqpool.server.HttpApiClient.Answer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server and two remote hosts on one machine, each host a network namespace with a link of
 * its own: a job of 20,000 tasks runs while one host's link is cut and restored, one remote
 * worker is killed with {@code kill -9}, and then the other host's whole supervisor. Every task
 * ends with exactly one correct outcome, and each task the killed worker was running counts
 * one death.
 */
class MultiHostIT {

    private static final int TASKS = 20_000;
    private static final Pattern DEATH = Pattern.compile("job (\\S+) task (\\d+): worker (\\S+) died: (.+) \\((\\d+) of");

    @TempDir
    Path dir;

    @Test
    void aJobSurvivesACutLinkAKilledWorkerAndAKilledSupervisor() throws Exception {
        try (HostNamespace h1 = HostNamespace.create(); HostNamespace h2 = HostNamespace.create()) {
            int brokerPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                brokerPort = socket.getLocalPort();
            }
            // The broker beyond loopback, so the hosts reach it, and so it asks for credentials.
            Path config = Files.writeString(dir.resolve("multi.properties"), "broker.host=0.0.0.0\n");
            List<Process> remotes = new ArrayList<>();
            try (ServerProcess server = ServerProcess.start(dir.resolve("data"), 1, "--config", config.toString(),
                    "--broker-port", Integer.toString(brokerPort))) {
                HttpApiClient api = new HttpApiClient(server.url());
                Path credentials = dir.resolve("worker.properties");
                Files.copy(server.dataDir().resolve("worker-credentials.properties"), credentials);
                Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
                Process one = startHost(h1, "h1", brokerPort, credentials);
                Process two = startHost(h2, "h2", brokerPort, credentials);
                remotes.add(one);
                remotes.add(two);
                awaitHost(api, "h1", "reporting");
                awaitHost(api, "h2", "reporting");

                Answer submit = api.post("/api/jobs", "{\"task\": \"cube_slowly\", \"range\": \"1.." + TASKS
                        + "\", \"chunksize\": 20, \"retries\": 3}");
                assertEquals(201, submit.status(), submit.body());
                String job = submit.json().get("id").asText();
                awaitDone(api, job, TASKS / 20);

                System.out.println("multi-host: cutting h1's link at " + api.get("/api/jobs/" + job).json().get("done")
                        + " tasks done");
                h1.cut();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> host(api, "h1").path("state").asText(), "lost"::equals);

                JsonNode victim = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> workersOf(api, "h2").stream().filter(w -> job.equals(w.path("job").asText()))
                                .findFirst().orElse(null), w -> w != null);
                String victimId = victim.get("id").asText();
                ProcessHandle.of(victim.get("pid").asLong()).ifPresent(ProcessHandle::destroyForcibly);

                // Cut for longer than a connection's 15 s time-to-live, so h1's connections drop:
                // restored once its last report is older than that.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> Duration.between(Instant.parse(host(api, "h1").get("heardAt").asText()),
                                Instant.now()).compareTo(Duration.ofSeconds(20)) > 0);
                h1.restore();
                System.out.println("multi-host: h1's link restored; killed " + victimId);
                awaitDone(api, job, TASKS / 2);
                two.destroyForcibly();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> host(api, "h2").path("state").asText(), "lost"::equals);
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> host(api, "h1").path("state").asText(), "reporting"::equals);

                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> api.get("/api/jobs/" + job).json().get("state").asText(), "COMPLETED"::equals);
                System.out.println("multi-host: job completed; hosts " + api.get("/api/workers/hosts").body());
                assertEveryOutcomeOnceAndRight(api, job);
                assertOneDeathPerTaskOf(server.dataDir().resolve("mqpool.log"), job, victimId);
            } finally {
                for (Process remote : remotes) {
                    remote.descendants().forEach(ProcessHandle::destroyForcibly);
                    remote.destroyForcibly();
                    remote.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private Process startHost(HostNamespace host, String id, int brokerPort, Path credentials) throws IOException {
        Path home = Files.createDirectories(dir.resolve(id));
        return MqpoolCli.start(host.exec(), home, Map.of(), "worker", "--broker",
                "tcp://" + host.serverAddress() + ":" + brokerPort, "--workers", "2", "--id", id,
                "--credentials-file", credentials.toString());
    }

    private static void awaitHost(HttpApiClient api, String id, String state) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> state.equals(host(api, id).path("state").asText())
                        && workersOf(api, id).size() == 2
                        && workersOf(api, id).stream().allMatch(w -> w.get("state").asText().equals("idle")));
    }

    private static void awaitDone(HttpApiClient api, String job, int done) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/jobs/" + job).json().get("done").asInt() >= done);
    }

    private static JsonNode host(HttpApiClient api, String id) {
        return StreamSupport.stream(api.get("/api/workers/hosts").json().spliterator(), false)
                .filter(h -> id.equals(h.get("id").asText())).findFirst().orElse(api.mapper().createObjectNode());
    }

    private static List<JsonNode> workersOf(HttpApiClient api, String id) {
        return StreamSupport.stream(api.get("/api/workers").json().spliterator(), false)
                .filter(w -> id.equals(w.path("hostId").asText())).toList();
    }

    /** Reads the outcomes as a stream: 20,000 lines, index i holding (i + 1)³, none missing or twice. */
    private static void assertEveryOutcomeOnceAndRight(HttpApiClient api, String job) throws IOException {
        ObjectMapper json = api.mapper();
        boolean[] seen = new boolean[TASKS];
        HttpResponse<java.io.InputStream> download = api.stream(api.url("/api/jobs/" + job + "/outcomes.jsonl"));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(download.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode outcome = json.readTree(line);
                int index = outcome.get("index").asInt();
                long n = index + 1;
                assertFalse(seen[index], "task " + index + " has two outcomes");
                seen[index] = true;
                assertEquals(n * n * n, outcome.path("value").asLong(), line);
            }
        }
        for (int i = 0; i < TASKS; i++) {
            assertTrue(seen[i], "task " + i + " has no outcome");
        }
        JsonNode view = api.get("/api/jobs/" + job).json();
        assertEquals(TASKS, view.get("done").asInt(), view.toString());
        assertEquals(0, view.get("failed").asInt(), view.toString());
    }

    /** The log's death lines for the killed worker: at least one, and one per task. */
    private static void assertOneDeathPerTaskOf(Path log, String job, String workerId) throws IOException {
        List<String> deaths = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = DEATH.matcher(line);
            if (m.find() && m.group(1).equals(job) && m.group(3).equals(workerId)) {
                deaths.add(m.group(2));
                assertTrue(m.group(4).contains("signal 9"), line);
                assertEquals("1", m.group(5), "a task of the killed worker counted more than one death: " + line);
            }
        }
        System.out.println("multi-host: tasks that counted the death of " + workerId + ": " + deaths);
        assertFalse(deaths.isEmpty(), "the death of " + workerId + " was not counted: " + Files.readString(log));
        assertEquals(deaths.stream().distinct().count(), deaths.size(), "a task counted twice: " + deaths);
    }
}
