package io.mqpool.server;

import static io.mqpool.server.ServerJobsApiIT.assertRefused;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.server.HttpApiClient.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that asks for credentials on both listeners ({@code http.auth=always},
 * {@code broker.auth=always}, as beyond loopback, where {@code auto} asks them): the HTTP API
 * turns away requests without its token and stores nothing for them, the CLI and the browser
 * sign in, its own workers log in to the broker, and a worker started by hand gets in with the
 * credentials file only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerAuthIT {

    /**
     * Removed by JUnit after the class, so the server's database and credentials do not stay
     * behind; static, as JUnit fills an instance field only after {@code @BeforeAll} ran.
     */
    @TempDir
    static Path home;
    private int brokerPort;
    private ServerProcess server;
    private HttpApiClient api;
    private String token;

    @BeforeAll
    void startServerThatAlwaysAsks() throws IOException {
        brokerPort = freePort();
        Path config = Files.writeString(home.resolve("mqpool-auth.properties"),
                "http.auth=always\nbroker.auth=always\n");
        server = ServerProcess.start(home.resolve("data"), 1, "--config", config.toString(),
                "--broker-port", Integer.toString(brokerPort));
        api = new HttpApiClient(server.url());
        token = Files.readString(server.dataDir().resolve("http-token")).strip();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void theTokenAndTheWorkersCredentialsAreMadeOnFirstStartForTheOwnerOnly() throws IOException {
        for (String name : new String[] {"http-token", "worker-credentials.properties"}) {
            Path file = server.dataDir().resolve(name);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), name);
        }
        assertEquals(43, token.length());
        String credentials = Files.readString(server.dataDir().resolve("worker-credentials.properties"));
        assertTrue(credentials.contains("user=worker\n"), credentials);
        assertFalse(server.stdout().contains(token) || server.stderr().contains(token), "the token is not logged");
    }

    @Test
    void withoutTheTokenEveryRequestIs401WithOneLineAndNothingIsStored() {
        Answer status = api.get("/api/status");
        assertRefused(status, 401, "status without a token");
        assertEquals("this server needs its API token: send Authorization: Bearer TOKEN (mqpool token prints it "
                + "on the server's host)", status.json().get("error").asText());
        assertTrue(status.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertRefused(api.post("/api/jobs", "{\"task\": \"compute_cube\", \"args\": [1]}"), 401, "submit");
        assertRefused(api.post("/api/workers/scale", "{\"count\": 3}"), 401, "scale");
        Answer wrong = api.send(api.request("/api/jobs").header("Authorization", "Bearer " + token + "x")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"task\": \"compute_cube\", \"args\": [1]}")).build());
        assertRefused(wrong, 401, "submit with a wrong token");
        assertEquals("the API token is wrong (mqpool token prints the right one on the server's host)",
                wrong.json().get("error").asText());

        Answer workers = withToken("/api/workers");
        assertEquals(200, workers.status(), workers.body());
        assertEquals(1, workers.json().size(), "the refused scale changed nothing");
        assertEquals(0, withToken("/api/jobs?limit=100").json().get("jobs").size(), "a refused submit stored a job");
    }

    @Test
    void healthIsOpenToAllWhileMetricsNeedTheTokenLikeTheApi() {
        Answer health = api.get("/api/health");
        assertEquals(200, health.status(), health.body());
        assertEquals("up", health.json().get("status").asText(), health.body());

        Answer metrics = api.get("/metrics");
        assertRefused(metrics, 401, "metrics without a token");
        assertTrue(metrics.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        Answer wrong = api.send(api.request("/metrics").header("Authorization", "Bearer " + token + "x").GET().build());
        assertEquals(401, wrong.status(), wrong.body());
        Answer scraped = withToken("/metrics");
        assertEquals(200, scraped.status(), scraped.body());
        PrometheusText page = PrometheusText.parse(scraped.body());
        assertTrue(page.has("mqpool_tasks_done_total") && page.has("mqpool_jobs"), scraped.body());
    }

    @Test
    void withTheTokenAJobRunsOnWorkersThatLogInToTheBroker() {
        Answer submit = api.send(api.request("/api/jobs").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"task\": \"compute_cube\", \"args\": [2, 3]}")).build());
        assertEquals(201, submit.status(), submit.body());
        String id = submit.json().get("id").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> withToken("/api/jobs/" + id).json().get("state").asText(), "COMPLETED"::equals);
        assertEquals("{\"index\":1,\"value\":27}",
                withToken("/api/jobs/" + id + "/outcomes.jsonl").body().lines().toList().get(1));
    }

    @Test
    void aBrowserSignsInOnceAndItsPagesCarryTheTokenFromThen() {
        Answer page = api.send(api.request("/jobs").header("Accept", "text/html").GET().build());
        assertEquals(401, page.status());
        assertTrue(page.body().contains("<h1>Sign in</h1>"), page.body());
        assertEquals(200, api.get("/assets/ui.css").status(), "the sign-in page's style needs no token");

        Answer refused = api.send(api.request("/login").header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=nope")).build());
        assertEquals(401, refused.status());
        assertTrue(refused.body().contains("That is not this server&#39;s API token.")
                || refused.body().contains("That is not this server's API token."), refused.body());

        Answer signedIn = api.send(api.request("/login").header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build());
        assertEquals(303, signedIn.status(), signedIn.body());
        String cookie = signedIn.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("mqpool_token=" + token + ";") && cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Strict"), cookie);
        Answer jobs = api.send(api.request("/jobs").header("Accept", "text/html")
                .header("Cookie", "mqpool_token=" + token).GET().build());
        assertEquals(200, jobs.status(), jobs.body());
    }

    @Test
    void theCliPrintsTheTokenAndSendsItFromAFileOrTheEnvironment() throws IOException {
        Path client = Files.createTempDirectory(home, "client-");
        MqpoolCli.Run printed = MqpoolCli.run(client, Map.of(), "token", "--data", server.dataDir().toString());
        assertEquals(0, printed.exitCode(), printed.toString());
        assertEquals(token + "\n", printed.out());

        String url = server.url().toString();
        MqpoolCli.Run without = MqpoolCli.run(client, Map.of(), "jobs", "--server", url);
        assertEquals(2, without.exitCode(), without.toString());
        assertEquals("mqpool: this server needs its API token: send Authorization: Bearer TOKEN (mqpool token "
                + "prints it on the server's host)\n", without.err());

        Path tokenFile = Files.writeString(client.resolve("token"), printed.out());
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        MqpoolCli.Run fromFile = MqpoolCli.run(client, Map.of(), "jobs", "--server", url, "--token-file",
                tokenFile.toString());
        assertEquals(0, fromFile.exitCode(), fromFile.toString());
        MqpoolCli.Run fromEnv = MqpoolCli.run(client, Map.of("MQPOOL_TOKEN", token), "workers", "--server", url);
        assertEquals(0, fromEnv.exitCode(), fromEnv.toString());

        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-r--r--"));
        MqpoolCli.Run loose = MqpoolCli.run(client, Map.of(), "jobs", "--server", url, "--token-file",
                tokenFile.toString());
        assertEquals(2, loose.exitCode(), loose.toString());
        assertEquals("mqpool: the HTTP API token file " + tokenFile + " may be read by others (rw-r--r--): "
                + "chmod 600 it\n", loose.err());
    }

    @Test
    void aWorkerStartedByHandNeedsTheCredentialsFileAndBadInputIsOneLineWithCode2() throws Exception {
        Path client = Files.createTempDirectory(home, "remote-");
        String broker = "tcp://127.0.0.1:" + brokerPort;
        Path wrong = secret(client.resolve("wrong.properties"), "user=worker\npassword=not-it\n");
        String refused = "mqpool: the broker at 127.0.0.1:" + brokerPort + " refused the worker's credentials";
        assertOneLine(MqpoolCli.run(client, Map.of(), "worker", "--broker", broker, "--credentials-file",
                wrong.toString()), refused);
        assertOneLine(MqpoolCli.run(client, Map.of(), "worker", "--broker", broker), refused);

        Path copy = secret(client.resolve("worker.properties"),
                Files.readString(server.dataDir().resolve("worker-credentials.properties")));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r-----"));
        assertOneLine(MqpoolCli.run(client, Map.of(), "worker", "--broker", broker, "--credentials-file",
                copy.toString()), "mqpool: credentials file " + copy
                + " may be read by others (rw-r-----): chmod 600 it");
        assertOneLine(MqpoolCli.run(client, Map.of(), "worker", "--broker", broker, "--credentials-file",
                client.resolve("missing").toString()), "mqpool: credentials file " + client.resolve("missing")
                + " does not exist");
        assertOneLine(MqpoolCli.run(client, Map.of(), "worker", "--broker", "http://10.0.0.5:8080"),
                "mqpool: 'http://10.0.0.5:8080' is not a broker URL: give tcp://HOST:PORT, such as tcp://10.0.0.5:61616");
        assertOneLine(MqpoolCli.run(client, Map.of(), "worker", "--broker", "nowhere"),
                "mqpool: 'nowhere' is not a broker URL: give tcp://HOST:PORT, such as tcp://10.0.0.5:61616");
        assertOneLine(MqpoolCli.run(client, Map.of(), "worker", "--broker", "tcp://no-such-host.invalid:61616"),
                "mqpool: the broker host 'no-such-host.invalid' of tcp://no-such-host.invalid:61616 does not resolve");

        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        // The server's one worker is kept busy, so the next task can only run on the remote one.
        String busy = submit("{\"task\": \"sleep_millis\", \"args\": [30000]}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> withToken("/api/jobs/" + busy).json().path("running").asInt() == 1);
        Process remote = MqpoolCli.start(client, Map.of(), "worker", "--broker", broker, "--credentials-file",
                copy.toString(), "--id", "remote-1", "--workers", "1");
        try {
            awaitIdleRemoteWorker("remote-1");
            String pid = submit("{\"task\": \"worker_pid\", \"args\": [0]}");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> withToken("/api/jobs/" + pid).json().get("state").asText(), "COMPLETED"::equals);
            long ranOn = api.mapper().readTree(withToken("/api/jobs/" + pid + "/outcomes.jsonl").body().lines()
                    .toList().get(0)).get("value").asLong();
            assertEquals(remote.pid(), parentOf(ranOn), "the task ran on a worker of the supervisor started by hand");
        } finally {
            remote.descendants().forEach(ProcessHandle::destroyForcibly);
            remote.destroyForcibly();
            remote.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Waits until the supervisor {@code hostId} started by hand reports an idle worker. */
    private void awaitIdleRemoteWorker(String hostId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (var worker : withToken("/api/workers").json()) {
                if (hostId.equals(worker.path("hostId").asText()) && worker.path("state").asText().equals("idle")) {
                    return true;
                }
            }
            return false;
        });
    }

    static long parentOf(long pid) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
    }

    @Test
    void aServerWhoseTokenFileOthersMayReadRefusesToStartWithOneLine() throws IOException {
        Path data = Files.createDirectories(home.resolve("loose"));
        Path tokenFile = Files.writeString(data.resolve("http-token"), "a-token-others-may-read\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-r--r--"));
        try (ServerProcess loose = ServerProcess.launch(data, 1)) {
            assertEquals(2, loose.awaitExit(Duration.ofSeconds(60)), loose.stderr());
            assertEquals("mqpool: the HTTP API token file " + tokenFile + " may be read by others (rw-r--r--): "
                    + "chmod 600 it\n", loose.stderr());
        }
    }

    private String submit(String body) {
        Answer submit = api.send(api.request("/api/jobs").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(201, submit.status(), submit.body());
        return submit.json().get("id").asText();
    }

    private Answer withToken(String path) {
        return api.send(api.request(path).header("Authorization", "Bearer " + token).GET().build());
    }

    private static void assertOneLine(MqpoolCli.Run run, String line) {
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(line + "\n", run.err(), run.toString());
    }

    private static Path secret(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
