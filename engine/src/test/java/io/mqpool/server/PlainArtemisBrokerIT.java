package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQBasicSecurityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code broker.xml} block for a plain Artemis broker, taken from the README itself
 * so the two cannot drift, loaded by Artemis' own {@link EmbeddedActiveMQ} from a file, with
 * security on: a server given the engine's user runs jobs on it, and a supervisor on "another
 * host" given a worker's user takes chunks from it and reports to the server.
 */
class PlainArtemisBrokerIT {

    private static final String SECTION = "### A plain Artemis broker";

    @TempDir
    Path dir;

    private EmbeddedActiveMQ artemis;
    private String url;
    private Path engineCredentials;
    private Path workerCredentials;
    private Process remote;

    @BeforeEach
    void startArtemisFromTheReadmesBrokerXml() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path brokerDir = Files.createDirectories(dir.resolve("artemis"));
        Path brokerXml = Files.writeString(dir.resolve("broker.xml"), """
                <configuration xmlns="urn:activemq" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                               xsi:schemaLocation="urn:activemq /schema/artemis-configuration.xsd">
                   <core xmlns="urn:activemq:core">
                      <name>plain-artemis</name>
                      <persistence-enabled>true</persistence-enabled>
                      <security-enabled>true</security-enabled>
                      <jmx-management-enabled>false</jmx-management-enabled>
                      <journal-type>NIO</journal-type>
                      <journal-directory>%1$s/journal</journal-directory>
                      <bindings-directory>%1$s/bindings</bindings-directory>
                      <paging-directory>%1$s/paging</paging-directory>
                      <large-messages-directory>%1$s/large-messages</large-messages-directory>
                      <node-manager-lock-directory>%1$s</node-manager-lock-directory>
                      <max-disk-usage>-1</max-disk-usage>
                      <acceptors>
                         <acceptor name="tcp">tcp://127.0.0.1:%2$d</acceptor>
                      </acceptors>
                %3$s
                   </core>
                </configuration>
                """.formatted(brokerDir, port, readmeBrokerXml()));
        ActiveMQBasicSecurityManager users = new ActiveMQBasicSecurityManager();
        users.init(Map.of(ActiveMQBasicSecurityManager.BOOTSTRAP_USER, "engine",
                ActiveMQBasicSecurityManager.BOOTSTRAP_PASSWORD, "engine-secret",
                ActiveMQBasicSecurityManager.BOOTSTRAP_ROLE, "engine"));
        artemis = new EmbeddedActiveMQ();
        artemis.setConfigResourcePath(brokerXml.toUri().toString());
        artemis.setSecurityManager(users);
        artemis.start();
        users.addNewUser("worker", "worker-secret", "worker");
        url = "tcp://127.0.0.1:" + port;
        engineCredentials = ownerOnly("engine.properties", "user=engine\npassword=engine-secret\n");
        workerCredentials = ownerOnly("worker.properties", "user=worker\npassword=worker-secret\n");
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (remote != null) {
            remote.descendants().forEach(ProcessHandle::destroyForcibly);
            remote.destroyForcibly();
            remote.waitFor(10, TimeUnit.SECONDS);
        }
        if (artemis != null) {
            artemis.stop();
        }
    }

    @Test
    void aServerAndARemoteSupervisorRunJobsOnAPlainArtemisBrokerConfiguredAsTheReadmeSays() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), 1, "--broker", url,
                "--broker-credentials", engineCredentials.toString())) {
            HttpApiClient api = new HttpApiClient(server.url());
            String cubes = api.submitForId("{\"task\": \"compute_cube\", \"range\": \"1..40\", \"chunksize\": 4}");
            api.awaitState(cubes, "COMPLETED", Duration.ofSeconds(60));
            assertValues(api, cubes, 40);
            assertTrue(!Files.exists(dir.resolve("data/broker")), "the server made a broker journal");

            remote = MqpoolCli.start(Files.createDirectories(dir.resolve("hostb")), Map.of(), "worker", "--broker", url,
                    "--credentials-file", workerCredentials.toString(), "--id", "hostb", "--workers", "1");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "reporting".equals(host(api, "hostb").path("state").asText()));
            // The server's one worker is kept busy: the next job can only run on the remote one.
            String busy = api.submitForId("{\"task\": \"sleep_millis\", \"args\": [15000]}");
            await().atMost(Duration.ofSeconds(30)).until(() -> api.job(busy).path("running").asInt() == 1);
            String onRemote = api.submitForId("{\"task\": \"compute_cube\", \"range\": \"1..3\", \"chunksize\": 3}");
            api.awaitState(onRemote, "COMPLETED", Duration.ofSeconds(30));
            assertValues(api, onRemote, 3);
            assertEquals("RUNNING", api.job(busy).get("state").asText(), "the remote worker ran the second job");
        }
    }

    /** The first {@code xml} block after the README's heading {@value #SECTION}. */
    static String readmeBrokerXml() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf(SECTION);
        assertTrue(section >= 0, "the README has no section " + SECTION);
        int start = readme.indexOf("```xml\n", section) + "```xml\n".length();
        return readme.substring(start, readme.indexOf("\n```", start));
    }

    private static void assertValues(HttpApiClient api, String jobId, int tasks) {
        JsonNode results = api.get("/api/jobs/" + jobId + "/results?limit=1000").json().get("results");
        assertEquals(tasks, results.size(), results.toString());
        for (JsonNode result : results) {
            long n = result.get("index").asLong() + 1;
            assertEquals(n * n * n, result.get("value").asLong(), result.toString());
        }
    }

    private static JsonNode host(HttpApiClient api, String hostId) {
        return StreamSupport.stream(api.get("/api/workers/hosts").json().spliterator(), false)
                .filter(h -> hostId.equals(h.get("id").asText())).findFirst().orElse(api.mapper().createObjectNode());
    }

    private Path ownerOnly(String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
