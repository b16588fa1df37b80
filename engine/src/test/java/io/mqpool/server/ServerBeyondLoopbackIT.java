package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mqpool.broker.BrokerConnection;
import io.mqpool.server.HttpApiClient.Answer;
import jakarta.jms.JMSSecurityException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default, {@code auto}: a server bound to an address beyond loopback asks every client
 * for credentials with no setting at all, on the HTTP API and on the broker, and its own
 * workers still get in.
 */
class ServerBeyondLoopbackIT {

    @TempDir
    Path dir;

    @Test
    void boundBeyondLoopbackBothListenersAskForCredentialsByDefault() throws Exception {
        try (VethAddress veth = VethAddress.create()) {
            int brokerPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                brokerPort = socket.getLocalPort();
            }
            Path config = Files.writeString(dir.resolve("beyond.properties"),
                    "broker.host=" + veth.address() + "\n");
            try (ServerProcess server = ServerProcess.start(dir.resolve("data"), 1, "--bind", veth.address(),
                    "--config", config.toString(), "--broker-port", Integer.toString(brokerPort))) {
                URI url = server.url();
                assertEquals(veth.address(), url.getHost());
                HttpApiClient api = new HttpApiClient(url);
                assertEquals(401, api.get("/api/status").status(), "a client beyond loopback needs the token");

                String token = Files.readString(server.dataDir().resolve("http-token")).strip();
                Answer submit = api.send(api.request("/api/jobs").header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"task\": \"compute_cube\", \"args\": [4]}"))
                        .build());
                assertEquals(201, submit.status(), submit.body());
                String id = submit.json().get("id").asText();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> api.send(api.request("/api/jobs/" + id).header("Authorization", "Bearer " + token)
                                .GET().build()).json().get("state").asText(), "COMPLETED"::equals);

                assertThrows(JMSSecurityException.class, () -> BrokerConnection.connect(
                        "tcp://" + veth.address() + ":" + brokerPort, 0), "the broker asks too");
            }
        }
    }
}
