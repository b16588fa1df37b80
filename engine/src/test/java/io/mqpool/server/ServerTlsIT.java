package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both listeners over TLS with a self-signed keystore made here by the JDK's keytool: the API
 * answers HTTPS to a client that trusts the certificate (and nothing to plain HTTP), the
 * server's own workers reach the broker over TLS, and so does a worker started by hand with
 * Artemis' TLS options in its URL.
 */
class ServerTlsIT {

    private static final String PASSWORD = "keystore-secret";

    @TempDir
    Path dir;

    @Test
    void theApiAndTheBrokerSpeakTlsToEveryoneThatTrustsTheCertificate() throws Exception {
        Path keystore = selfSignedKeystore(dir.resolve("mqpool.p12"));
        int brokerPort = freePort();
        Path config = Files.writeString(dir.resolve("tls.properties"), String.join("\n",
                "http.tls.keystore=" + keystore, "http.tls.keystore-password=" + PASSWORD,
                "broker.tls.keystore=" + keystore, "broker.tls.keystore-password=" + PASSWORD, ""));
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), 1, "--config", config.toString(),
                "--broker-port", Integer.toString(brokerPort))) {
            URI url = server.url();
            assertEquals("https", url.getScheme(), url.toString());
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keystore))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            assertEquals(200, get(trusting, url.resolve("/api/status")).statusCode());
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThrows(UncheckedIOException.class, () -> get(plain, url.resolve("/api/status")),
                    "a client that does not trust the certificate gets nothing");

            String cube = submit(trusting, url, "{\"task\": \"compute_cube\", \"args\": [3]}");
            assertEquals("{\"index\":0,\"value\":27}", outcome(trusting, url, cube),
                    "the server's own worker reached the broker over TLS");

            Path client = Files.createDirectories(dir.resolve("remote"));
            Path credentials = client.resolve("worker.properties");
            Files.copy(server.dataDir().resolve("worker-credentials.properties"), credentials);
            // The server's one worker is kept busy, so the next task can only run on the remote one.
            String busy = submit(trusting, url, "{\"task\": \"sleep_millis\", \"args\": [30000]}");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> json(get(trusting, url.resolve("/api/jobs/" + busy))).path("running").asInt() == 1);
            Process remote = MqpoolCli.start(client, Map.of(), "worker", "--broker", "tcp://127.0.0.1:" + brokerPort
                    + "?sslEnabled=true&trustStorePath=" + keystore + "&trustStorePassword=" + PASSWORD,
                    "--credentials-file", credentials.toString(), "--id", "remote-tls", "--workers", "1");
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    for (JsonNode worker : json(get(trusting, url.resolve("/api/workers")))) {
                        if ("remote-tls".equals(worker.path("hostId").asText())
                                && worker.path("state").asText().equals("idle")) {
                            return true;
                        }
                    }
                    return false;
                });
                String pid = submit(trusting, url, "{\"task\": \"worker_pid\", \"args\": [0]}");
                long ranOn = json(outcome(trusting, url, pid)).get("value").asLong();
                assertEquals(remote.pid(), ServerAuthIT.parentOf(ranOn), "a worker started by hand ran it over TLS");
            } finally {
                remote.descendants().forEach(ProcessHandle::destroyForcibly);
                remote.destroyForcibly();
                remote.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Path selfSignedKeystore(Path file) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "mqpool",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", PASSWORD, "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1")).redirectErrorStream(true).start();
        String output = MqpoolCli.read(process.getInputStream());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool: " + output);
        return file;
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String submit(HttpClient client, URI url, String body) throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(url.resolve("/api/jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode(), answer.body());
        return json(answer).get("id").asText();
    }

    private static String outcome(HttpClient client, URI url, String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> json(get(client, url.resolve("/api/jobs/" + id))).get("state").asText(), "COMPLETED"::equals);
        return get(client, url.resolve("/api/jobs/" + id + "/outcomes.jsonl")).body().lines().toList().get(0);
    }

    private static HttpResponse<String> get(HttpClient client, URI url) {
        try {
            return client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
