package io.mqpool.engine.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test run's own: Debian's {@code initdb} and {@code pg_ctl} make a
 * cluster in a temporary directory and start it on a free port of 127.0.0.1, once per test JVM,
 * and a JVM shutdown hook stops it and removes the directory. Each test gets a database of its
 * own from {@link #newDatabase()}.
 *
 * <p>Connections over TCP sign in with a password ({@code scram-sha-256}), as a real deployment
 * would: {@link #user()} and {@link #password()}. As root the server runs as the
 * {@code postgres} user, since PostgreSQL refuses to run as root.
 *
 * <p>Without PostgreSQL installed, a test that asks for it is skipped with one line on standard
 * output saying what to install, so {@code mvn verify} still passes.
 */
public final class PostgresCluster {

    static final String MISSING = "skipped: the PostgreSQL tests need Debian's postgresql (apt-get install postgresql)";
    private static final String USER = "mqpool";
    private static final String PASSWORD = "mqpool-test-password";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresCluster shared;
    private static boolean missingReported;

    private final Path dir;
    private final Path binDir;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresCluster(Path dir, Path binDir, int port, boolean asPostgresUser) {
        this.dir = dir;
        this.binDir = binDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Whether this machine has PostgreSQL's server programs. */
    public static boolean available() {
        return binDir().isPresent();
    }

    /**
     * The test run's cluster, started on first use (a few seconds). Skips the calling test when
     * PostgreSQL is not installed.
     */
    public static synchronized PostgresCluster shared() {
        Optional<Path> bin = binDir();
        if (bin.isEmpty() && !missingReported) {
            missingReported = true;
            System.out.println(MISSING);
        }
        assumeTrue(bin.isPresent(), MISSING);
        if (shared == null) {
            shared = start(bin.get());
            PostgresCluster started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "postgres-cluster-stop"));
        }
        return shared;
    }

    /** A fresh, empty database, such as {@code jdbc:postgresql://127.0.0.1:5433/mqpool_3}. */
    public StoreLocation newDatabase() {
        String name = "mqpool_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return new StoreLocation(url(name), Optional.of(USER), Optional.of(PASSWORD));
    }

    /** The JDBC URL of {@code database} on this cluster. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    private static PostgresCluster start(Path binDir) {
        boolean asPostgresUser = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("mqpool-postgres-");
            Path passwordFile = dir.resolve("password");
            Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
            if (asPostgresUser) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
                Files.setOwner(passwordFile, postgres);
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            PostgresCluster cluster = new PostgresCluster(dir, binDir, freePort(), asPostgresUser);
            cluster.run("initdb", "-D", dir.resolve("data").toString(), "-U", USER, "--pwfile=" + passwordFile,
                    "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync", "--no-instructions");
            cluster.run("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
                    "-w", "-t", "60", "-o", "-p " + cluster.port + " -k " + dir + " -c listen_addresses=127.0.0.1",
                    "start");
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL", e);
        }
    }

    /** Stops the server at once and removes its directory. */
    private void stop() {
        try {
            run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            deleteQuietly(dir);
        }
    }

    private void run(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(binDir.resolve(program).toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + program, e);
        }
    }

    /** Debian's newest {@code /usr/lib/postgresql/N/bin}, or the folder of {@code initdb} on the PATH. */
    private static Optional<Path> binDir() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                        .max(Comparator.comparing(bin -> versionOf(bin.getParent())));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                // fall through to the PATH
            }
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(entry -> !entry.isEmpty())
                .map(Path::of)
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                .findFirst();
    }

    private static int versionOf(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // left for the temp directory's own clean-up
        }
    }
}
