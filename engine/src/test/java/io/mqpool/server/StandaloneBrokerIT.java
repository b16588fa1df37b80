package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.BrokerCredentials;
import io.mqpool.broker.Queues;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mqpool broker} as a process of its own, asking credentials even on loopback
 * ({@code broker.auth=always}), and {@code mqpool server --broker} processes against it: jobs
 * complete, a server killed with kill -9 and started again loses and doubles nothing, a cancel
 * empties the remote task queue of the job, a malformed chunk is a dead letter the server lists and
 * drops, and a broker the server cannot use is one line.
 */
class StandaloneBrokerIT {

    @TempDir
    static Path shared;

    @TempDir
    Path temp;

    private static BrokerProcess broker;

    @BeforeAll
    static void startBroker() throws IOException {
        Path config = Files.writeString(shared.resolve("broker.properties"), "broker.auth=always\n");
        broker = BrokerProcess.start(shared.resolve("broker"), "--config", config.toString());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            assertEquals(0, broker.stop(), broker.stderr());
            broker.close();
        }
    }

    @Test
    void theBrokerWritesOwnerOnlyCredentialsForTheEngineAndTheWorkersAndKeepsItsJournal() throws IOException {
        Path data = broker.dataDir();
        for (String file : List.of("engine-credentials.properties", "worker-credentials.properties")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(file))),
                    file);
        }
        assertEquals("engine", BrokerCredentials.read(broker.engineCredentials()).user());
        assertEquals("worker", BrokerCredentials.read(data.resolve("worker-credentials.properties")).user());
        assertTrue(Files.isDirectory(data.resolve("broker/journal")));
        assertTrue(broker.stdout().startsWith("mqpool broker "), broker.stdout());
        assertTrue(broker.stdout().contains("listening on tcp://127.0.0.1:" + broker.port() + ", data in "
                + data.toAbsolutePath()), broker.stdout());
    }

    @Test
    void aServerOnTheBrokerRunsAJobWithEveryOutcomeAndKeepsNoBrokerJournalOfItsOwn() {
        Path data = temp.resolve("data");
        try (ServerProcess server = startServer(data, 2)) {
            MqpoolCli.Run run = MqpoolCli.run(temp, Map.of(), "submit", "compute_cube", "--range", "1..30",
                    "--chunksize", "2", "--wait", "--progress", "none", "--server", server.url().toString());
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(IntStream.rangeClosed(1, 30).mapToObj(n -> Long.toString((long) n * n * n)).toList(),
                    run.out().lines().toList());
            assertFalse(Files.exists(data.resolve("broker")), "the server wrote a broker journal");
            assertFalse(Files.exists(data.resolve("worker-credentials.properties")));
            assertEquals(0, server.stop(), server.stderr());
            assertEquals(List.of(), server.survivors());
        }
    }

    @Test
    void aServerKilledHardAndStartedAgainOnTheSameBrokerFinishesItsJobWithEveryOutcomeOnce() {
        int tasks = 3000;
        Path data = temp.resolve("data");
        String jobId;
        try (ServerProcess first = startServer(data, 2)) {
            HttpApiClient api = new HttpApiClient(first.url());
            jobId = api.submit("{\"task\": \"compute_cube\", \"range\": \"0.." + (tasks - 1)
                    + "\", \"chunksize\": 5}").get("id").asText();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> api.job(jobId).get("done").asInt() > 0);
            ProcessHandle.of(first.pid()).ifPresent(ProcessHandle::destroyForcibly);
            assertEquals(List.of(), first.survivors(), "orphan workers of the killed server");
        }
        try (ServerProcess second = startServer(data, 2)) {
            HttpApiClient api = new HttpApiClient(second.url());
            int doneAtRestart = api.job(jobId).get("done").asInt();
            assertTrue(doneAtRestart < tasks, "the server was killed mid-job, with " + doneAtRestart + " done");
            System.out.printf("standalone broker: %d of %d tasks done when the server was killed%n", doneAtRestart,
                    tasks);
            api.awaitState(jobId, "COMPLETED", Duration.ofSeconds(120));
            assertEquals(tasks, api.job(jobId).get("done").asInt());
            EveryOutcomeOnce.assertCubes(api, jobId, tasks);
        }
    }

    @Test
    void aMalformedChunkOnTheRemoteBrokerIsAServersDeadLetterAndIsDroppedThroughIt() throws Exception {
        Path data = temp.resolve("data");
        try (ServerProcess server = startServer(data, 1);
             BrokerConnection connection = BrokerConnection.connect(broker.url(),
                     BrokerCredentials.read(broker.engineCredentials()), 0);
             Session session = connection.openTransactedSession();
             MessageProducer producer = session.createProducer(session.createQueue(Queues.TASKS))) {
            HttpApiClient api = new HttpApiClient(server.url());
            BytesMessage garbage = session.createBytesMessage();
            garbage.writeBytes("not a chunk".getBytes());
            producer.send(garbage);
            session.commit();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("/api/dead-letters").json().get("deadLetters").size() == 1);
            JsonNode letter = api.get("/api/dead-letters").json().get("deadLetters").get(0);
            assertEquals("unreadable", letter.get("kind").asText(), letter.toString());
            assertEquals("malformed message: property 'job' is missing", letter.get("reason").asText());
            assertEquals(Queues.TASKS, letter.get("from").asText());

            assertEquals(204, api.send(HttpRequest.newBuilder(api.url("/api/dead-letters/"
                    + letter.get("id").asText())).DELETE().build()).status());
            assertEquals(0, api.get("/api/dead-letters").json().get("deadLetters").size());
        }
    }

    @Test
    void cancellingAJobRemovesItsQueuedChunksFromTheRemoteBroker() throws Exception {
        Path data = temp.resolve("data");
        try (ServerProcess server = startServer(data, 1);
             BrokerConnection connection = BrokerConnection.connect(broker.url(),
                     BrokerCredentials.read(broker.engineCredentials()), 0)) {
            HttpApiClient api = new HttpApiClient(server.url());
            String args = Collections.nCopies(30, "1000").stream().collect(Collectors.joining(", ", "[", "]"));
            String jobId = api.submit("{\"task\": \"sleep_millis\", \"args\": " + args + ", \"chunksize\": 1}")
                    .get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> api.job(jobId).get("running").asInt() == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> queued(connection, jobId) >= 20);
            // The engine browses the remote broker's queues for /metrics, and health sees it up.
            assertTrue(tasksQueued(api) >= 20, "the task queue's depth on the remote broker");
            assertEquals("up", api.get("/api/health").json().get("status").asText());

            assertEquals(200, api.post("/api/jobs/" + jobId + "/cancel", "{}").status());

            api.awaitState(jobId, "CANCELLED", Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(30)).until(() -> queued(connection, jobId) == 0);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> tasksQueued(api) == 0);
            String log = Files.readString(data.resolve("mqpool.log"));
            String line = log.lines().filter(l -> l.contains("job " + jobId + " is CANCELLED")).findFirst()
                    .orElseThrow(() -> new AssertionError("no cancel line in " + log));
            int removed = Integer.parseInt(line.replaceAll(".*: (\\d+) queued chunks removed.*", "$1"));
            assertTrue(removed >= 20, line);
        }
    }

    @Test
    void aBrokerTheServerCannotUseIsOneLineAndExitCode2AndNothingIsStored() throws IOException {
        Path wrong = owned(Files.writeString(temp.resolve("wrong.properties"), "user=engine\npassword=nope\n"));
        Path loose = Files.writeString(temp.resolve("loose.properties"), Files.readString(broker.engineCredentials()));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        Path missing = temp.resolve("missing.properties");
        int closedPort = closedPort();
        String at = "127.0.0.1:" + broker.port();
        assertRefused("mqpool: setting broker.url: 'nope://x' is not a broker URL: give tcp://HOST:PORT, such as "
                + "tcp://10.0.0.5:61616", "--broker", "nope://x");
        assertRefused("mqpool: cannot reach the broker at 127.0.0.1:" + closedPort + ": ",
                "--broker", "tcp://127.0.0.1:" + closedPort);
        assertRefused("mqpool: the broker at " + at + " asks for credentials: give --broker-credentials FILE",
                "--broker", broker.url());
        assertRefused("mqpool: the broker at " + at + " refused the credentials in " + wrong,
                "--broker", broker.url(), "--broker-credentials", wrong.toString());
        assertRefused("mqpool: the broker credentials file " + missing + " does not exist",
                "--broker", broker.url(), "--broker-credentials", missing.toString());
        assertRefused("mqpool: the broker credentials file " + loose + " may be read by others (rw-r--r--): "
                + "chmod 600 it", "--broker", broker.url(), "--broker-credentials", loose.toString());
    }

    @Test
    void aServerWhoseBrokerDiesExitsWithCode4AndOneLineAndItsWorkersWithIt() throws InterruptedException {
        try (BrokerProcess own = BrokerProcess.start(temp.resolve("own-broker"));
             ServerProcess server = ServerProcess.start(temp.resolve("data"), 1, "--broker", own.url(),
                     "--broker-credentials", own.engineCredentials().toString())) {
            own.kill();
            assertEquals(Server.BROKER_LOST_EXIT, server.awaitExit(Duration.ofSeconds(60)), server.stderr());
            List<String> lost = server.stderr().lines().filter(line -> line.startsWith("mqpool: ")).toList();
            assertEquals(1, lost.size(), server.stderr());
            assertTrue(lost.get(0).startsWith("mqpool: lost the connection to the broker at 127.0.0.1:" + own.port()
                    + ": ") && lost.get(0).endsWith("; exiting (start the server again once the broker is back)"),
                    lost.get(0));
            assertEquals(List.of(), server.survivors(), "its workers exit with it");
        }
    }

    private void assertRefused(String start, String... args) {
        Path data = temp.resolve("refused-" + System.nanoTime());
        long began = System.nanoTime();
        try (ServerProcess server = ServerProcess.launch(data, 1, args)) {
            assertEquals(2, server.awaitExit(Duration.ofSeconds(60)), server.stderr());
            String err = server.stderr();
            assertTrue(err.startsWith(start) && err.endsWith("\n") && err.lines().count() == 1, err);
            assertEquals("", server.stdout());
        }
        long seconds = (System.nanoTime() - began) / 1_000_000_000;
        assertTrue(seconds < 20, "refused after " + seconds + " s: " + String.join(" ", args));
        assertFalse(Files.exists(data.resolve("db")), "a job store was made");
        assertFalse(Files.exists(data.resolve("broker")), "a broker journal was made");
    }

    private static double tasksQueued(HttpApiClient api) {
        HttpApiClient.Answer metrics = api.get("/metrics");
        assertEquals(200, metrics.status(), metrics.body());
        return PrometheusText.parse(metrics.body()).value("mqpool_queue_depth", Map.of("queue", "mqpool.tasks"));
    }

    private static ServerProcess startServer(Path data, int workers) {
        return ServerProcess.start(data, workers, "--broker", broker.url(),
                "--broker-credentials", broker.engineCredentials().toString());
    }

    /** The job's chunks waiting on the task queue, as a browser sees them. */
    private static int queued(BrokerConnection connection, String jobId) throws JMSException {
        try (Session session = connection.openSession();
             QueueBrowser browser = session.createBrowser(session.createQueue(Queues.TASKS), "job = '" + jobId + "'")) {
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    private static Path owned(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
