package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.broker.BrokerConnection;
import io.mqpool.broker.DeadLetters;
import io.mqpool.broker.Queues;
import io.mqpool.broker.TaskChunk;
import io.mqpool.broker.WireCodec;
import io.mqpool.server.HttpApiClient.Answer;
import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-letter queue and stuck jobs through a real {@code mqpool server}: its embedded broker,
 * its one worker process, its store, the HTTP API and the {@code mqpool} command line. The test
 * speaks to the broker itself (on loopback it asks no credentials) to put on it what a failing
 * world would.
 */
class DeadLettersIT {

    private static final Duration STUCK_AFTER = Duration.ofSeconds(3);

    @TempDir
    static Path temp;
    private static ServerProcess server;
    private static HttpApiClient api;
    private static BrokerConnection broker;

    @BeforeAll
    static void startServer() throws Exception {
        int brokerPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            brokerPort = socket.getLocalPort();
        }
        Path config = Files.writeString(temp.resolve("mqpool.properties"),
                "jobs.stuck-after=" + STUCK_AFTER.toMillis() + "ms\n");
        server = ServerProcess.start(temp.resolve("data"), 1, "--config", config.toString(),
                "--broker-port", Integer.toString(brokerPort));
        Files.createDirectories(temp.resolve("client"));
        api = new HttpApiClient(server.url());
        broker = BrokerConnection.connect("tcp://127.0.0.1:" + brokerPort, 0);
    }

    @AfterAll
    static void stopServer() {
        if (broker != null) {
            broker.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void noDeadLettersLeft() {
        assertEquals(200, api.send(HttpRequest.newBuilder(api.url("/api/dead-letters")).DELETE().build()).status());
    }

    @Test
    void aMalformedMessageOnTheTaskQueueIsListedWithItsReasonAndCanBeDropped() throws Exception {
        sendGarbage("first");
        sendGarbage("second");

        List<JsonNode> letters = awaitDeadLetters(2);
        JsonNode first = letters.get(0);
        assertEquals("unreadable", first.get("kind").asText(), first.toString());
        assertEquals(Queues.TASKS, first.get("from").asText());
        assertEquals("malformed message: property 'job' is missing", first.get("reason").asText());
        assertEquals(1, first.get("deliveries").asInt());
        assertTrue(first.hasNonNull("at") && first.hasNonNull("id"), first.toString());
        JsonNode page = api.get("/api/dead-letters?limit=1").json();
        assertEquals(1, page.get("deadLetters").size());
        assertTrue(page.get("more").asBoolean());

        MqpoolCli.Run listed = cli("dead-letters");
        assertEquals(0, listed.exitCode(), listed.err());
        assertTrue(listed.out().contains(first.get("id").asText()) && listed.out().contains("unreadable")
                && listed.out().contains("malformed message: property 'job' is missing"), listed.out());

        Answer dropped = api.send(HttpRequest.newBuilder(
                api.url("/api/dead-letters/" + first.get("id").asText())).DELETE().build());
        assertEquals(204, dropped.status(), dropped.body());
        assertEquals(1, deadLetters().size());
        Answer again = api.send(HttpRequest.newBuilder(
                api.url("/api/dead-letters/" + first.get("id").asText())).DELETE().build());
        assertEquals(404, again.status(), again.body());
        Answer bad = api.send(HttpRequest.newBuilder(
                api.url("/api/dead-letters/x'%20OR%20'1'='1")).DELETE().build());
        assertEquals(400, bad.status(), bad.body());

        MqpoolCli.Run all = cli("dead-letters", "drop", "--all");
        assertEquals(0, all.exitCode(), all.err());
        assertEquals("dropped 1 dead letter\n", all.out());
        assertEquals(List.of(), deadLetters());
        assertEquals("no dead letters\n", cli("dead-letters").out());
    }

    @Test
    void aDeadTaskChunkIsSentAgainAndItsJobEndsWithEveryOutcomeOnce() throws Exception {
        // The one worker sleeps, so the cube job's chunks wait on the task queue meanwhile.
        String sleeper = api.submitForId("{\"task\": \"sleep_millis\", \"args\": [5000]}");
        api.awaitState(sleeper, "RUNNING", Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/workers").json().get(0)
                .path("job").asText().equals(sleeper));
        String job = api.submitForId("{\"task\": \"compute_cube\", \"range\": \"0..9\", \"chunksize\": 1}");
        try (Session session = broker.openTransactedSession()) {
            String ofJob = "job = '" + job + "'";
            DeadLetters dead = new DeadLetters(session);
            // Chunk 1 is lost to the dead letters, as when its deliveries failed.
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(Queues.TASKS),
                    ofJob + " AND chunk = 1")) {
                Message lost = consumer.receive(10_000);
                assertNotNull(lost, "chunk 1 is not on the task queue");
                assertTrue(dead.copy(lost, "test: its deliveries failed"));
            }
            // Chunk 2 is a dead letter too, while it also runs: sent again, it runs twice.
            try (QueueBrowser browser = session.createBrowser(session.createQueue(Queues.TASKS), ofJob + " AND chunk = 2")) {
                Enumeration<?> found = browser.getEnumeration();
                assertTrue(found.hasMoreElements(), "chunk 2 is not on the task queue");
                assertTrue(dead.copy((Message) found.nextElement(), "test: a copy of a chunk that runs"));
            }
            session.commit();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> api.job(job).get("done").asLong() == 9);
        assertEquals("RUNNING", api.job(job).get("state").asText());
        List<JsonNode> letters = deadLetters();
        assertEquals(2, letters.size(), letters.toString());
        assertEquals(List.of("task-chunk", "task-chunk"), letters.stream().map(l -> l.get("kind").asText()).toList());
        assertEquals(List.of(1, 2), letters.stream().map(l -> l.get("chunk").asInt()).toList());
        assertEquals(job, letters.get(0).get("job").asText());
        assertEquals("test: its deliveries failed", letters.get(0).get("reason").asText());

        api.awaitState(sleeper, "COMPLETED", Duration.ofSeconds(30));
        long ranBefore = workerTasksDone();

        // The copy of chunk 2 first: the one worker answers it before chunk 1, while the job runs.
        MqpoolCli.Run resent = cli("dead-letters", "resend", letters.get(1).get("id").asText(),
                letters.get(0).get("id").asText());
        assertEquals(0, resent.exitCode(), resent.err());

        JsonNode done = api.awaitState(job, "COMPLETED", Duration.ofSeconds(30));
        // Both ran: chunk 2 for the second time, and its second outcome was not recorded.
        await().atMost(Duration.ofSeconds(10)).until(() -> workerTasksDone() == ranBefore + 2);
        assertEquals(10, api.job(job).get("done").asLong());
        assertEquals(0, done.get("failed").asLong());
        EveryOutcomeOnce.assertCubes(api, job, 10);
        assertEquals(List.of(), deadLetters());
    }

    @Test
    void aChunkOfAJobThatIsNoLongerRunningIsNotSentAgain() throws Exception {
        String job = api.submitForId("{\"task\": \"compute_cube\", \"args\": [3]}");
        api.awaitState(job, "COMPLETED", Duration.ofSeconds(30));
        try (Session session = broker.openTransactedSession();
             MessageProducer producer = session.createProducer(session.createQueue(Queues.DEAD_LETTER))) {
            producer.send(new WireCodec().encode(session, new TaskChunk(job, 0, 0, 1, "compute_cube", "[3]", 0)));
            session.commit();
        }
        String id = awaitDeadLetters(1).get(0).get("id").asText();

        Answer refused = api.post("/api/dead-letters/" + id + "/resend", "{}");
        assertEquals(409, refused.status(), refused.body());
        assertEquals("job " + job + " is completed, not running: chunk 0 is not sent again (drop dead letter " + id
                + " instead)", refused.json().get("error").asText());
        MqpoolCli.Run cli = cli("dead-letters", "resend", id);
        assertEquals(2, cli.exitCode());
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertEquals(1, deadLetters().size(), "a refused resend took the dead letter");
        assertEquals(1, api.job(job).get("done").asLong());
    }

    @Test
    void aJobWithoutProgressPastTheThresholdIsReportedStuckOnceAndClearsWhenItProgresses() throws IOException {
        // No outcome for three thresholds, then one, then the last half a threshold later.
        String job = api.submitForId("{\"task\": \"sleep_millis\", \"args\": [" + 3 * STUCK_AFTER.toMillis()
                + ", " + STUCK_AFTER.toMillis() / 2 + "], \"chunksize\": 1}");
        await().atMost(Duration.ofSeconds(20)).until(() -> stuck().contains(job));
        MqpoolCli.Run status = cli("status");
        assertTrue(status.out().contains("stuck    job " + job + " (sleep_millis): no progress for"), status.out());
        String warning = "job " + job + " (sleep_millis) is stuck";
        await().atMost(Duration.ofSeconds(10)).until(() -> serverLog().contains(warning));

        await().atMost(Duration.ofSeconds(30)).until(() -> api.job(job).get("done").asLong() >= 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !stuck().contains(job));
        api.awaitState(job, "COMPLETED", Duration.ofSeconds(30));
        String log = serverLog();
        assertEquals(1, log.split(Pattern.quote(warning), -1).length - 1,
                "warned more than once in one stuck period: " + log);
        assertTrue(log.contains("job " + job + " progresses again") || log.contains("job " + job
                + " is no longer stuck: it ended"), log);
    }

    /** The tasks the server's one worker has run. */
    private static long workerTasksDone() {
        return api.get("/api/workers").json().get(0).get("tasksDone").asLong();
    }

    private static String serverLog() throws IOException {
        return Files.readString(server.dataDir().resolve("mqpool.log"));
    }

    private static List<String> stuck() {
        List<String> ids = new ArrayList<>();
        api.get("/api/status").json().path("stuck").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    private static void sendGarbage(String origin) throws Exception {
        try (Session session = broker.openTransactedSession();
             MessageProducer producer = session.createProducer(session.createQueue(Queues.TASKS))) {
            BytesMessage garbage = session.createBytesMessage();
            garbage.setStringProperty("origin", origin);
            garbage.writeBytes("not a chunk".getBytes());
            producer.send(garbage);
            session.commit();
        }
    }

    private static List<JsonNode> deadLetters() {
        Answer answer = api.get("/api/dead-letters");
        assertEquals(200, answer.status(), answer.body());
        List<JsonNode> letters = new ArrayList<>();
        answer.json().get("deadLetters").forEach(letters::add);
        assertFalse(answer.json().get("more").asBoolean());
        return letters;
    }

    private static List<JsonNode> awaitDeadLetters(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters().size() >= count);
        return deadLetters();
    }

    private static MqpoolCli.Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server");
        all.add(server.url().toString());
        return MqpoolCli.run(temp.resolve("client"), Map.of(), all.toArray(String[]::new));
    }
}
