package io.mqpool.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsLoaderTest {

    @TempDir
    Path home;

    private Map<String, String> systemProperties() {
        return Map.of("user.home", home.toString(), "java.home", "/opt/jdk",
                "java.class.path", "/app/a.jar:/app/b.jar");
    }

    private Settings load(Map<String, String> env, Map<String, String> flags) {
        return new SettingsLoader(env, systemProperties()).load(flags);
    }

    private String failure(Map<String, String> env, Map<String, String> flags) {
        return assertThrows(SettingsException.class, () -> load(env, flags)).getMessage();
    }

    @Test
    void withNothingGivenEverySettingHasItsDefault() {
        Settings s = load(Map.of(), Map.of());
        assertEquals(home.resolve(".mqpool"), s.dataDir());
        assertEquals(home.resolve(".mqpool/tasks"), s.tasksDir());
        assertEquals(new BrokerSettings("127.0.0.1", 61616, 100, 8192, 10), s.broker());
        assertEquals(Runtime.getRuntime().availableProcessors(), s.worker().count());
        assertEquals(Path.of("/opt/jdk/bin/java"), s.worker().javaCommand());
        assertEquals(List.of("-XX:+UseSerialGC"), s.worker().jvmOptions());
        assertEquals("/app/a.jar:/app/b.jar", s.worker().classPath());
        assertEquals(Duration.ofSeconds(30), s.worker().startTimeout());
        assertEquals(Duration.ofSeconds(5), s.worker().maxRestartBackoff());
        assertEquals(3, s.worker().maxStartFailures());
        assertEquals(Optional.of(home.resolve(".cache/mqpool/class-archives")), s.worker().classArchives());
        assertEquals(new HttpSettings("127.0.0.1", 8080), s.http());
    }

    @Test
    void anEmptyClassArchivesDirectoryTurnsTheArchivesOff() {
        assertEquals(Optional.empty(), load(Map.of("MQPOOL_WORKER_CLASS_ARCHIVES", ""), Map.of()).worker().classArchives());
        assertEquals(Optional.of(Path.of("/srv/archives")),
                load(Map.of(), Map.of("worker.class-archives", "/srv/archives")).worker().classArchives());
    }

    @Test
    void fileOverridesDefaultsEnvironmentOverridesFileFlagsOverrideEnvironment() throws IOException {
        Path file = home.resolve("custom.properties");
        Files.writeString(file, "workers=2\nbroker.port=1000\nhttp.port=2000\nhttp.bind=0.0.0.0\n");
        Map<String, String> env = Map.of("MQPOOL_CONFIG", file.toString(),
                "MQPOOL_BROKER_PORT", "1001", "MQPOOL_HTTP_PORT", "2001");
        Settings s = load(env, Map.of("http.port", "2002"));
        assertEquals(2, s.worker().count());
        assertEquals(1001, s.broker().port());
        assertEquals(2002, s.http().port());
        assertEquals("0.0.0.0", s.http().bind());
        assertEquals(100, s.broker().journalBufferTimeoutMicros());
    }

    @Test
    void environmentNamesAreUpperCaseWithDotsAndDashesAsUnderscores() {
        Map<String, String> env = Map.of(
                "MQPOOL_TASKS_DIR", "/srv/tasks",
                "MQPOOL_BROKER_JOURNAL_BUFFER_TIMEOUT_US", "250",
                "MQPOOL_WORKER_MAX_RESTART_BACKOFF", "250ms",
                "MQPOOL_WORKER_JVM_OPTIONS", "-Xmx64m  -XX:+UseSerialGC",
                "MQPOOL_NOT_A_SETTING", "ignored");
        Settings s = load(env, Map.of());
        assertEquals(Path.of("/srv/tasks"), s.tasksDir());
        assertEquals(250, s.broker().journalBufferTimeoutMicros());
        assertEquals(Duration.ofMillis(250), s.worker().maxRestartBackoff());
        assertEquals(List.of("-Xmx64m", "-XX:+UseSerialGC"), s.worker().jvmOptions());
        assertEquals("MQPOOL_BROKER_CONSUMER_WINDOW", SettingKey.BROKER_CONSUMER_WINDOW.envName());
    }

    @Test
    void theDataDirectoryFileIsReadWhenNoOtherIsNamed() throws IOException {
        Path data = home.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("mqpool.properties"), "workers = 7\n# a comment\n");
        Settings s = load(Map.of("MQPOOL_DATA", data.toString()), Map.of());
        assertEquals(7, s.worker().count());
        assertEquals(data, s.dataDir());
        assertEquals(data.resolve("tasks"), s.tasksDir());
    }

    @Test
    void theConfigFlagWinsOverTheEnvironmentAndMustExist() throws IOException {
        Path fromEnv = Files.writeString(home.resolve("env.properties"), "workers=3\n");
        Path fromFlag = Files.writeString(home.resolve("flag.properties"), "workers=4\n");
        Settings s = load(Map.of("MQPOOL_CONFIG", fromEnv.toString()), Map.of("config", fromFlag.toString()));
        assertEquals(4, s.worker().count());

        Path missing = home.resolve("missing.properties");
        assertEquals("settings file " + missing + " does not exist (from MQPOOL_CONFIG)",
                failure(Map.of("MQPOOL_CONFIG", missing.toString()), Map.of()));
    }

    @Test
    void aPathStartingWithTildeIsUnderTheUsersHome() {
        assertEquals(home.resolve("elsewhere"), load(Map.of(), Map.of("data", "~/elsewhere")).dataDir());
    }

    @Test
    void anUnknownFlagIsAnErrorListingTheKnownSettings() {
        assertEquals("unknown setting 'x' (from flag); known settings: config, data, tasks-dir, workers, "
                + "broker.host, broker.port, broker.journal-buffer-timeout-us, broker.consumer-window, "
                + "broker.max-delivery-attempts, broker.auth, broker.tls.keystore, broker.tls.keystore-password, "
                + "broker.url, broker.credentials-file, worker.java, worker.jvm-options, worker.classpath, "
                + "worker.class-archives, worker.start-timeout, worker.max-restart-backoff, worker.max-start-failures, "
                + "jobs.retention, jobs.stuck-after, store.url, store.user, store.password-file, "
                + "http.bind, http.port, http.read-only, http.base-path, http.auth, http.tls.keystore, "
                + "http.tls.keystore-password, server, token, token-file", failure(Map.of(), Map.of("x", "1")));
    }

    @Test
    void anUnknownKeyInTheFileIsAnErrorNamingTheFile() throws IOException {
        Path file = Files.writeString(home.resolve("bad.properties"), "wrokers=2\n");
        String message = failure(Map.of(), Map.of("config", file.toString()));
        assertEquals("unknown setting 'wrokers' (from file " + file + "); known settings: data, ",
                message.substring(0, message.indexOf("tasks-dir")));
    }

    @ParameterizedTest(name = "{0}={1} fails with: {2}")
    @CsvSource(delimiter = '|', value = {
        "workers | 0 | setting workers must be between 1 and 1024, got 0 (from flag)",
        "workers | 1025 | setting workers must be between 1 and 1024, got 1025 (from flag)",
        "workers | two | setting workers must be a whole number, got 'two' (from flag)",
        "broker.port | 65536 | setting broker.port must be between 0 and 65535, got 65536 (from flag)",
        "broker.port | -1 | setting broker.port must be between 0 and 65535, got -1 (from flag)",
        "broker.journal-buffer-timeout-us | 0 | setting broker.journal-buffer-timeout-us must be between 1 and 1000000, got 0 (from flag)",
        "broker.consumer-window | -2 | setting broker.consumer-window must be between -1 and 67108864, got -2 (from flag)",
        "broker.max-delivery-attempts | 1001 | setting broker.max-delivery-attempts must be between 1 and 1000, got 1001 (from flag)",
        "worker.max-start-failures | 0 | setting worker.max-start-failures must be between 1 and 100, got 0 (from flag)",
        "worker.start-timeout | 5x | setting worker.start-timeout must be a duration such as 500ms, 30s or 5m, got '5x' (from flag)",
        "worker.start-timeout | 0 | setting worker.start-timeout must be at least 1ms, got '0' (from flag)",
        "worker.max-restart-backoff | soon | setting worker.max-restart-backoff must be a duration such as 500ms, 30s or 5m, got 'soon' (from flag)",
        "jobs.retention | a week | setting jobs.retention must be a duration such as 12h or 7d (0 keeps finished jobs forever), got 'a week' (from flag)",
        "jobs.retention | -1d | setting jobs.retention must be a duration such as 12h or 7d (0 keeps finished jobs forever), got '-1d' (from flag)",
        "http.port | 99999 | setting http.port must be between 0 and 65535, got 99999 (from flag)",
        "http.bind | ' ' | setting http.bind must not be empty (from flag)",
        "http.read-only | yes | setting http.read-only must be true or false, got 'yes' (from flag)",
        "http.base-path | /a b | setting http.base-path must be empty or a path such as /mqpool (letters, digits, . _ ~ - between slashes), got '/a b' (from flag)",
        "http.base-path | /a//b | setting http.base-path must be empty or a path such as /mqpool (letters, digits, . _ ~ - between slashes), got '/a//b' (from flag)",
        "http.base-path | /a?x=1 | setting http.base-path must be empty or a path such as /mqpool (letters, digits, . _ ~ - between slashes), got '/a?x=1' (from flag)",
        "broker.host | '' | setting broker.host must not be empty (from flag)",
        "worker.java | ' ' | setting worker.java must not be empty (from flag)",
        "store.url | jdbc:mysql://db/mqpool | setting store.url must be a JDBC URL of PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE) or H2 (jdbc:h2:file:PATH), got 'jdbc:mysql://db/mqpool' (from flag)",
    })
    void aBadFlagFailsNamingTheSettingRangeValueAndSource(String key, String value, String message) {
        assertEquals(message, failure(Map.of(), Map.of(key, value)));
    }

    @Test
    void finishedJobsAreKeptSevenDaysUnlessTheSettingSaysOtherwise() {
        assertEquals(Duration.ofDays(7), load(Map.of(), Map.of()).jobs().retention());
        assertEquals(Duration.ofHours(36), load(Map.of("MQPOOL_JOBS_RETENTION", "36h"), Map.of()).jobs().retention());
        assertTrue(load(Map.of(), Map.of("jobs.retention", "0")).jobs().keepsForever());
    }

    @Test
    void aBadEnvironmentValueNamesTheVariable() {
        assertEquals("setting broker.port must be a whole number, got 'abc' (from MQPOOL_BROKER_PORT)",
                failure(Map.of("MQPOOL_BROKER_PORT", "abc"), Map.of()));
    }

    @Test
    void aBadFileValueNamesTheFile() throws IOException {
        Path file = Files.writeString(home.resolve("bad.properties"), "http.port=70000\n");
        assertEquals("setting http.port must be between 0 and 65535, got 70000 (from file " + file + ")",
                failure(Map.of("MQPOOL_CONFIG", file.toString()), Map.of()));
    }

    @Test
    void readOnlyAndBasePathComeFromFileEnvironmentAndFlagsInThatOrder() throws IOException {
        Path file = Files.writeString(home.resolve("http.properties"), "http.read-only=true\nhttp.base-path=/file\n");
        Settings fromFile = load(Map.of("MQPOOL_CONFIG", file.toString()), Map.of());
        assertEquals(new HttpSettings("127.0.0.1", 8080, true, "/file"), fromFile.http());

        Settings s = load(Map.of("MQPOOL_CONFIG", file.toString(), "MQPOOL_HTTP_BASE_PATH", "/env",
                "MQPOOL_HTTP_READ_ONLY", "TRUE"), Map.of("http.read-only", "false"));
        assertFalse(s.http().readOnly());
        assertEquals("/env", s.http().basePath());
    }

    @Test
    void aBasePathIsWrittenWithOneLeadingSlashAndNoneAtTheEnd() {
        assertEquals("/mqpool", load(Map.of(), Map.of("http.base-path", "mqpool/")).http().basePath());
        assertEquals("/tools/mqpool", load(Map.of(), Map.of("http.base-path", " /tools/mqpool/ ")).http().basePath());
        assertEquals("", load(Map.of(), Map.of("http.base-path", "/")).http().basePath());
        assertEquals("", load(Map.of(), Map.of()).http().basePath());
        assertThrows(IllegalArgumentException.class, () -> new HttpSettings("127.0.0.1", 80, false, "mqpool"));
    }

    @Test
    void zeroPortsMeanPickAFreePort() {
        Settings s = load(Map.of(), Map.of("broker.port", "0", "http.port", "0"));
        assertEquals(0, s.broker().port());
        assertEquals(0, s.http().port());
    }

    @Test
    void nullFlagValuesCountAsNotGiven() {
        Map<String, String> flags = new HashMap<>();
        flags.put("workers", null);
        assertEquals(Runtime.getRuntime().availableProcessors(), load(Map.of(), flags).worker().count());
    }

    @Test
    void withoutUserHomeTheDataDirectoryMustBeGiven() {
        SettingsLoader loader = new SettingsLoader(Map.of(), Map.of("java.home", "/opt/jdk"));
        assertEquals("setting data has no default because the user.home system property is not set; "
                + "set it with --data or MQPOOL_DATA",
                assertThrows(SettingsException.class, () -> loader.load(Map.of())).getMessage());
        assertEquals(Path.of("/srv/mq"), loader.load(Map.of("data", "/srv/mq")).dataDir());
    }

    @Test
    void aClientReachesTheLocalServerUnlessToldOtherwise() {
        assertEquals(URI.create("http://127.0.0.1:8080"),
                new SettingsLoader(Map.of(), systemProperties()).loadClient(Map.of()).server());
    }

    @Test
    void theServerFlagOverridesTheEnvironmentWhichOverridesTheFile() throws IOException {
        Path file = Files.writeString(home.resolve("client.properties"), "server=http://file:1\n");
        SettingsLoader loader = new SettingsLoader(Map.of("MQPOOL_CONFIG", file.toString()), systemProperties());
        assertEquals(URI.create("http://file:1"), loader.loadClient(Map.of()).server());
        SettingsLoader withEnv = new SettingsLoader(Map.of("MQPOOL_CONFIG", file.toString(),
                "MQPOOL_SERVER", "https://env.example:8443/"), systemProperties());
        assertEquals(URI.create("https://env.example:8443"), withEnv.loadClient(Map.of()).server());
        assertEquals(URI.create("http://10.0.0.5:9000"),
                withEnv.loadClient(Map.of("server", "http://10.0.0.5:9000")).server());
    }

    @Test
    void aClientsTokenComesFromTheNamedFileElseTheEnvironmentElseTheDataDirectory() throws IOException {
        Path data = Files.createDirectories(home.resolve(".mqpool"));
        Path inData = Files.writeString(data.resolve("http-token"), "from-data\n");
        Files.setPosixFilePermissions(inData, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path named = Files.writeString(home.resolve("token"), " from-file \n");
        Files.setPosixFilePermissions(named, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        SettingsLoader plain = new SettingsLoader(Map.of(), systemProperties());
        SettingsLoader withEnv = new SettingsLoader(Map.of("MQPOOL_TOKEN", "from-env"), systemProperties());

        assertEquals(Optional.of("from-data"), plain.loadClient(Map.of()).resolveToken());
        assertEquals(Optional.of("from-env"), withEnv.loadClient(Map.of()).resolveToken());
        assertEquals(Optional.of("from-file"),
                withEnv.loadClient(Map.of("token-file", named.toString())).resolveToken());
        Files.delete(inData);
        assertEquals(Optional.empty(), plain.loadClient(Map.of()).resolveToken());
    }

    @Test
    void authModesAreAutoUnlessSetAndAKeystoreNeedsItsPassword() {
        Settings defaults = load(Map.of(), Map.of());
        assertEquals(AuthMode.AUTO, defaults.http().auth());
        assertEquals(AuthMode.AUTO, defaults.broker().auth());
        assertTrue(defaults.http().tls().isEmpty());
        assertEquals(AuthMode.ALWAYS, load(Map.of("MQPOOL_HTTP_AUTH", "always"), Map.of()).http().auth());
        assertEquals("setting broker.auth must be auto or always, got 'sometimes' (from flag)",
                assertThrows(SettingsException.class, () -> load(Map.of(), Map.of("broker.auth", "sometimes")))
                        .getMessage());
        assertEquals("setting http.tls.keystore needs http.tls.keystore-password, the keystore's password",
                assertThrows(SettingsException.class, () -> load(Map.of(), Map.of("http.tls.keystore", "/k.p12")))
                        .getMessage());
        assertEquals(Path.of("/k.p12"), load(Map.of(), Map.of("broker.tls.keystore", "/k.p12",
                "broker.tls.keystore-password", "secret")).broker().tls().orElseThrow().keystore());
    }

    @Test
    void theStoreIsTheDataDirectorysH2FileUnlessAUrlIsGiven() {
        assertEquals(StoreSettings.IN_DATA_DIR, load(Map.of(), Map.of()).store());
        assertEquals(StoreSettings.IN_DATA_DIR, load(Map.of("MQPOOL_STORE_URL", " "), Map.of()).store(),
                "a blank URL is the default");
        StoreSettings shared = load(Map.of("MQPOOL_STORE_URL", "jdbc:postgresql://db:5432/mqpool",
                "MQPOOL_STORE_USER", "mqpool"), Map.of("store.password-file", "/run/pw")).store();
        assertEquals(new StoreSettings(Optional.of("jdbc:postgresql://db:5432/mqpool"), Optional.of("mqpool"),
                Optional.of(Path.of("/run/pw"))), shared);
        assertTrue(shared.isShared());
    }

    @Test
    void aBrokerUrlAndItsCredentialsFileComeFromFlagsEnvironmentOrFileAndABareHostMeansTcp() throws IOException {
        assertEquals(Optional.empty(), load(Map.of(), Map.of()).broker().remote());
        assertEquals(new RemoteBroker("tcp://10.0.0.5:61616", Optional.of(home.resolve("engine.properties"))),
                load(Map.of("MQPOOL_BROKER_URL", "10.0.0.5:61616",
                        "MQPOOL_BROKER_CREDENTIALS_FILE", "~/engine.properties"), Map.of()).broker().remote().orElseThrow());
        Path file = Files.writeString(home.resolve("remote.properties"), "broker.url=tcp://h:1?sslEnabled=true\n");
        assertEquals(new RemoteBroker("tcp://h:1?sslEnabled=true", Optional.empty()),
                load(Map.of(), Map.of("config", file.toString())).broker().remote().orElseThrow());
        assertEquals("setting broker.credentials-file needs broker.url, the broker it is for",
                failure(Map.of(), Map.of("broker.credentials-file", "/c.properties")));
    }

    @Test
    void theBrokerCommandKeepsItsDataApartUnlessTold() {
        SettingsLoader loader = new SettingsLoader(Map.of(), systemProperties());
        assertEquals(home.resolve(".mqpool-broker"), loader.loadForBroker(Map.of()).dataDir());
        assertEquals(home.resolve("b"), new SettingsLoader(Map.of("MQPOOL_DATA", home.resolve("b").toString()),
                systemProperties()).loadForBroker(Map.of()).dataDir());
    }

    @Test
    void aClientIgnoresBadServerSideSettings() {
        SettingsLoader loader = new SettingsLoader(Map.of("MQPOOL_WORKERS", "lots"), systemProperties());
        assertEquals(URI.create("http://127.0.0.1:8080"), loader.loadClient(Map.of()).server());
    }

    @ParameterizedTest(name = "server={0} is refused")
    @CsvSource({"localhost:8080", "ftp://host/", "http://", "not a url", "http://host/?x=1"})
    void aServerThatIsNotAnHttpUrlIsRefusedNamingTheSource(String url) {
        SettingsLoader loader = new SettingsLoader(Map.of("MQPOOL_SERVER", url), systemProperties());
        assertEquals("setting server must be an http(s) URL such as http://127.0.0.1:8080, got '" + url
                + "' (from MQPOOL_SERVER)",
                assertThrows(SettingsException.class, () -> loader.loadClient(Map.of())).getMessage());
    }

    @Test
    void theRecordsRejectOutOfRangeValuesBuiltInCode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HttpSettings("127.0.0.1", 70000));
        assertEquals("http port must be between 0 and 65535, got 70000", e.getMessage());
    }
}
