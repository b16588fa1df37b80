package io.mqpool.server.docker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqpool.engine.store.PostgresCluster;
import io.mqpool.engine.store.StoreLocation;
import io.mqpool.server.EveryOutcomeOnce;
import io.mqpool.server.HttpApiClient;
import io.mqpool.server.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker/}, tested without a Docker engine: the Dockerfile's stages, user, volume and
 * health check; its entrypoint run directly; its command run against the packaged jar with the
 * health check asked of it; and compose.yaml's broker, server and worker services run on this
 * host, as Compose would start them, over a PostgreSQL of the test run, to finish a job.
 */
class DockerFilesIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCKER = REPOSITORY.resolve("docker");
    private static final Pattern SERVER_STATUS =
            Pattern.compile("mqpool \\S+ listening on (http://[^,\\s]+), (\\d+) workers, data in (.+)");
    private static final Pattern BROKER_STATUS = Pattern.compile("mqpool broker \\S+ listening on (tcp://[^,\\s]+), .*");
    private static final String OWNER_ONLY = "rw-------";
    private static final String README_SECTION = "## Running in Docker";

    @TempDir
    Path temp;

    private final Dockerfile image = Dockerfile.read(DOCKER.resolve("Dockerfile"));
    private final ComposeFile compose = ComposeFile.read(DOCKER.resolve("compose.yaml"));
    private Path jar;

    @BeforeEach
    void copyTheJar() throws IOException {
        // A private copy: a build running meanwhile rewrites target/.
        jar = Files.copy(ServerProcess.packagedJar().toAbsolutePath(), temp.resolve("mqpool.jar"));
    }

    @Test
    void theImageIsBuiltByMavenAndRunsTheJarAsAUserOfItsOwnWithAVolumeAndAHealthCheck() throws IOException {
        List<String> stages = image.stages();
        assertEquals(2, stages.size(), "a build stage and a runtime stage: " + stages);
        assertTrue(stages.get(0).matches("maven:\\S*temurin-17\\S* AS build"), stages.get(0));
        assertTrue(stages.get(1).matches("eclipse-temurin:17-jre\\S*"), stages.get(1));
        String build = String.join("\n", image.all("RUN"));
        assertTrue(build.contains("mvn -B -q -DskipTests package"), build);
        // The build stage's glob finds the jar that mvn package makes.
        String glob = build.replaceAll("(?s).*cp (engine/target/\\S+\\.jar).*", "$1");
        assertTrue(FileSystems.getDefault().getPathMatcher("glob:" + glob)
                .matches(Path.of("engine/target").resolve(ServerProcess.packagedJar().getFileName())), glob);
        assertTrue(image.finalStage("COPY").contains("--from=build /mqpool.jar /opt/mqpool/mqpool.jar"),
                image.finalStage("COPY").toString());
        assertTrue(Files.readString(DOCKER.resolve("entrypoint.sh")).contains("${MQPOOL_JAR:-/opt/mqpool/mqpool.jar}"));

        List<String> user = image.finalStage("USER");
        assertEquals(List.of("mqpool:mqpool"), user, "not root");
        assertEquals(List.of("/var/lib/mqpool"), image.finalStage("VOLUME"));
        assertEquals("/var/lib/mqpool", image.environment().get("MQPOOL_DATA"));
        assertTrue(image.healthCheckCommand().contains("/api/health"), image.healthCheckCommand());
        assertEquals(List.of("/opt/mqpool/entrypoint.sh"), image.execForm("ENTRYPOINT"));
        assertTrue(image.finalStage("COPY").contains("--chmod=755 docker/entrypoint.sh /opt/mqpool/entrypoint.sh"));

        List<String> ignored = Files.readAllLines(REPOSITORY.resolve(".dockerignore"));
        assertTrue(ignored.containsAll(List.of("docker/secrets/", "**/target/", ".git")), ignored.toString());
    }

    @Test
    void theEntrypointGivesTheProgramOwnerOnlyCopiesOfItsSecretsAndRunsTheJar() throws Exception {
        Path secrets = Files.createDirectories(temp.resolve("secrets"));
        Path data = temp.resolve("data");
        Path token = Files.writeString(secrets.resolve("http-token"), "first\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));

        Process first = entrypoint(secrets, data, "--version");
        assertEquals(0, first.waitFor(), "the entrypoint failed");
        assertTrue(new String(first.getInputStream().readAllBytes()).startsWith("mqpool "), "mqpool --version ran");
        assertEquals("first\n", Files.readString(data.resolve("http-token")));
        assertEquals(OWNER_ONLY, PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("http-token"))));

        Files.writeString(token, "second\n");
        assertEquals(0, entrypoint(secrets, data, "--version").waitFor());
        assertEquals("second\n", Files.readString(data.resolve("http-token")), "the secret replaces an older copy");
        try (Stream<Path> left = Files.list(data)) {
            assertEquals(List.of(data.resolve("http-token")), left.toList(), "no temporary copy is left behind");
        }
    }

    private Process entrypoint(Path secrets, Path data, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(DOCKER.resolve("entrypoint.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(Map.of("MQPOOL_SECRETS_DIR", secrets.toString(), "MQPOOL_DATA", data.toString(),
                "MQPOOL_JAR", jar.toString()));
        return builder.start();
    }

    @Test
    void theImageCommandRunsAServerThatAnswersTheHealthCheck() throws Exception {
        LocalHost host = new LocalHost(temp, REPOSITORY, jar, temp.resolve("no-secrets"), image);
        int port;
        try (LocalContainer server = host.runImageDefault("server",
                Map.of("MQPOOL_HTTP_PORT", "0", "MQPOOL_BROKER_PORT", "0", "MQPOOL_WORKERS", "1"))) {
            String url = server.awaitLine(SERVER_STATUS).group(1);
            assertTrue(url.startsWith("http://127.0.0.1:"), url);
            port = URI.create(url).getPort();
            assertEquals(0, healthCheck(port), "the health check of a running server");
        }
        assertNotEquals(0, healthCheck(port), "the health check once the server has stopped");
    }

    /** The image's HEALTHCHECK command, as Docker runs it in the container (a shell), against {@code port}. */
    private int healthCheck(int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", image.healthCheckCommand())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("MQPOOL_HTTP_PORT", Integer.toString(port));
        Process check = builder.start();
        assertTrue(check.waitFor(30, TimeUnit.SECONDS), "the health check still runs after 30 s");
        return check.exitValue();
    }

    @Test
    void makeSecretsMakesAPrivateDirectoryOfTheComposeFileSecretsAndKeepsWhatExists() throws Exception {
        Path secrets = makeSecrets();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)));
        Set<String> made = new HashSet<>();
        try (Stream<Path> files = Files.list(secrets)) {
            for (Path file : files.toList()) {
                made.add(file.getFileName().toString());
                // Readable by the image's user, whose uid is not the host's; the directory keeps them private.
                assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        }
        assertEquals(compose.secretFiles().keySet(), made);
        compose.secretFiles().forEach((name, file) -> assertEquals("./secrets/" + name, file));
        String credentials = Files.readString(secrets.resolve("worker-credentials.properties"));
        assertTrue(credentials.matches("user=worker\npassword=[A-Za-z0-9_-]{43}\n"), credentials);

        String before = Files.readString(secrets.resolve("http-token"));
        makeSecrets();
        assertEquals(before, Files.readString(secrets.resolve("http-token")), "a second run keeps the secrets");
    }

    private Path makeSecrets() throws Exception {
        Path secrets = temp.resolve("secrets");
        Process make = new ProcessBuilder(DOCKER.resolve("make-secrets.sh").toString(), secrets.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, make.waitFor(), "make-secrets.sh failed");
        return secrets;
    }

    @Test
    void theComposeFileHasTheServicesAndSettingsTheReadmeNames() throws IOException {
        assertEquals(List.of("postgres", "broker", "server", "worker"), compose.serviceNames());
        for (String name : List.of("broker", "server", "worker")) {
            ComposeFile.Service service = compose.service(name);
            assertEquals("..", service.node().path("build").path("context").asText(), name);
            assertEquals("docker/Dockerfile", service.node().path("build").path("dockerfile").asText(), name);
            assertTrue(compose.secretFiles().keySet().containsAll(service.secrets()), name + ": " + service.secrets());
        }
        ComposeFile.Service worker = compose.service("worker");
        assertEquals(List.of(), worker.ports(), "--scale worker=N needs a worker without host ports");
        assertTrue(worker.text("container_name").isEmpty(), "--scale worker=N needs a worker without a fixed name");

        ComposeFile.Service postgres = compose.service("postgres");
        Map<String, String> store = compose.service("server").environment();
        assertEquals("jdbc:postgresql://postgres:5432/" + postgres.environment().get("POSTGRES_DB"),
                store.get("MQPOOL_STORE_URL"));
        assertEquals(postgres.environment().get("POSTGRES_USER"), store.get("MQPOOL_STORE_USER"));
        assertEquals("/run/secrets/postgres-password", postgres.environment().get("POSTGRES_PASSWORD_FILE"));
        // The entrypoint's copy of the secret, in the data directory.
        assertEquals(image.environment().get("MQPOOL_DATA") + "/postgres-password", store.get("MQPOOL_STORE_PASSWORD_FILE"));
        assertTrue(compose.service("server").ports().contains("127.0.0.1:8080:8080"));

        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        int start = readme.indexOf("\n" + README_SECTION + "\n");
        assertTrue(start >= 0, "the README has no section " + README_SECTION);
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        for (String named : List.of("docker/make-secrets.sh", "docker compose -f docker/compose.yaml up --build "
                + "--scale worker=4", "docker build -f docker/Dockerfile -t mqpool .", "`postgres`", "`broker`",
                "`server`", "`worker`", "docker/secrets/http-token", "/var/lib/mqpool")) {
            assertTrue(section.contains(named), "the README's Docker section names " + named);
        }
    }

    @Test
    void theComposeServicesRunOnThisHostFinishAJobOverPostgresqlAndTheirBroker() throws Exception {
        PostgresCluster postgres = PostgresCluster.shared();
        StoreLocation store = postgres.newDatabase();
        Path secrets = makeSecrets();
        // The test run's PostgreSQL has its own role and password.
        Files.writeString(secrets.resolve("postgres-password"), postgres.password() + "\n");

        LocalHost host = new LocalHost(temp, REPOSITORY, jar, secrets, image);
        host.replace("jdbc:postgresql://postgres:5432/mqpool", store.url());
        int tasks = 200;
        try (LocalContainer broker = host.run(compose.service("broker"))) {
            host.replace("tcp://broker:61616", broker.awaitLine(BROKER_STATUS).group(1));
            try (LocalContainer server = host.run(compose.service("server"));
                 LocalContainer worker = host.run(compose.service("worker"))) {
                var status = server.awaitLine(SERVER_STATUS);
                assertEquals("1", status.group(2), "MQPOOL_WORKERS");
                HttpApiClient api = new HttpApiClient(URI.create(status.group(1)));
                await("the worker service reporting to the server").atMost(Duration.ofSeconds(60))
                        .until(() -> api.get("/api/workers/hosts").json().size() == 1);

                String jobId = api.submitForId("{\"task\": \"compute_cube\", \"range\": \"0.." + (tasks - 1)
                        + "\", \"chunksize\": 5}");
                api.awaitState(jobId, "COMPLETED", Duration.ofSeconds(120));
                EveryOutcomeOnce.assertCubes(api, jobId, tasks);
                assertEquals(1, jobsIn(store, jobId), "the job is stored in PostgreSQL");
                JsonNode hostWorkers = api.get("/api/workers/hosts").json().get(0);
                assertTrue(hostWorkers.get("workers").asInt() > 0, hostWorkers.toString());

                Path token = server.dataDir().resolve("http-token");
                assertEquals(Files.readString(secrets.resolve("http-token")), Files.readString(token),
                        "the server's API token is the secret's");
                assertEquals(OWNER_ONLY, PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
                assertEquals(0, healthCheck(URI.create(status.group(1)).getPort()));
            }
        }
    }

    private static int jobsIn(StoreLocation store, String jobId) throws SQLException {
        try (Connection c = DriverManager.getConnection(store.url(), store.user().orElseThrow(),
                store.password().orElseThrow());
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM job WHERE id = ?")) {
            s.setString(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
