package io.mqpool.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Loads the {@link Settings} of one process, layering, lowest first: built-in defaults, a
 * properties file, {@code MQPOOL_*} environment variables, command-line flags.
 *
 * <p>This is the only class in mqpool that reads the environment and the system properties;
 * everything else receives a {@link Settings}.
 *
 * <p>The file is the one named by the {@code config} flag or {@code MQPOOL_CONFIG}, else
 * {@code <data>/mqpool.properties} when it exists. The environment name of a key is
 * {@code MQPOOL_} plus the key in upper case with {@code .} and {@code -} turned into
 * {@code _} ({@code broker.port} is {@code MQPOOL_BROKER_PORT}); other {@code MQPOOL_}
 * variables are ignored, whereas an unknown key in the file or the flags is an error.
 */
public final class SettingsLoader {

    /** The flag that names the properties file. */
    public static final String CONFIG_FLAG = "config";
    /** The environment variable that names the properties file. */
    public static final String CONFIG_ENV = SettingKey.ENV_PREFIX + "CONFIG";
    /** The file read from the data directory when no other is named. */
    public static final String DEFAULT_FILE_NAME = "mqpool.properties";
    /** The data directory under the user's home of a server (and of every command but {@code broker}). */
    public static final String DEFAULT_DATA_DIR = ".mqpool";
    /** The data directory under the user's home of {@code mqpool broker}. */
    public static final String DEFAULT_BROKER_DATA_DIR = ".mqpool-broker";

    private static final String DEFAULT = "default";
    private static final String FLAG = "flag";

    private final Map<String, String> env;
    private final Map<String, String> systemProperties;

    /** For tests: the given maps stand for the environment and the system properties. */
    public SettingsLoader(Map<String, String> env, Map<String, String> systemProperties) {
        this.env = Map.copyOf(env);
        this.systemProperties = Map.copyOf(systemProperties);
    }

    /** A loader over this process's environment and system properties, as they are now. */
    public static SettingsLoader fromSystem() {
        Map<String, String> properties = new HashMap<>();
        Properties system = System.getProperties();
        for (String name : system.stringPropertyNames()) {
            properties.put(name, system.getProperty(name));
        }
        return new SettingsLoader(System.getenv(), properties);
    }

    /**
     * Loads the settings. Blocks while reading the properties file, if any.
     *
     * @param flags settings from the command line by key ({@code workers}, {@code broker.port},
     *     {@code config}, ...); null values are ignored, as if the flag were not given
     * @throws SettingsException if a key is unknown, a value is out of range or not of its
     *     type, or the properties file cannot be read
     */
    public Settings load(Map<String, String> flags) {
        return build(merge(flags, DEFAULT_DATA_DIR));
    }

    /**
     * Loads the settings of {@code mqpool broker}: as {@link #load}, but the data directory
     * defaults to {@code ~/.mqpool-broker}, so that a standalone broker and a server on one host
     * keep their files apart unless told otherwise. Blocks while reading the properties file.
     *
     * @throws SettingsException as {@link #load} does
     */
    public Settings loadForBroker(Map<String, String> flags) {
        return build(merge(flags, DEFAULT_BROKER_DATA_DIR));
    }

    /**
     * Loads the settings of a client command ({@code submit}, {@code status}, ...), which
     * needs only the server's URL: the same layers as {@link #load}, but only the keys a client
     * reads are typed, so a bad server-side setting does not stop a client. Blocks while
     * reading the properties file, if any.
     *
     * @param flags as for {@link #load}; the client's key is {@code server}
     * @throws SettingsException if a key is unknown, the server URL is not an http(s) URL, or
     *     the properties file cannot be read
     */
    public ClientSettings loadClient(Map<String, String> flags) {
        SettingsReader r = merge(flags, DEFAULT_DATA_DIR);
        URI server = r.httpUrl(SettingKey.SERVER);
        // A token file that is named wins over a token given as such, which wins over the data
        // directory's file: the nearer the command line, the stronger.
        if (r.has(SettingKey.TOKEN_FILE)) {
            return new ClientSettings(server, Optional.empty(), Optional.of(r.path(SettingKey.TOKEN_FILE)));
        }
        if (r.has(SettingKey.TOKEN)) {
            return new ClientSettings(server, Optional.of(r.text(SettingKey.TOKEN)), Optional.empty());
        }
        Optional<Path> dataDirFile = r.has(SettingKey.DATA)
                ? Optional.of(r.path(SettingKey.DATA).resolve(ClientSettings.TOKEN_FILE_NAME)).filter(Files::isReadable)
                : Optional.empty();
        return new ClientSettings(server, Optional.empty(), dataDirFile);
    }

    /** Defaults, file, environment and flags, merged lowest first. */
    private SettingsReader merge(Map<String, String> flags, String dataDirName) {
        Map<SettingKey, RawSetting> fromFlags = new EnumMap<>(SettingKey.class);
        Optional<RawSetting> configFromFlag = Optional.empty();
        for (Map.Entry<String, String> flag : flags.entrySet()) {
            if (flag.getValue() == null) {
                continue;
            }
            if (flag.getKey().equals(CONFIG_FLAG)) {
                configFromFlag = Optional.of(new RawSetting(flag.getValue(), FLAG));
            } else {
                fromFlags.put(known(flag.getKey(), FLAG, CONFIG_FLAG + ", "),
                        new RawSetting(flag.getValue(), FLAG));
            }
        }
        Map<SettingKey, RawSetting> fromEnv = environment();

        Map<SettingKey, RawSetting> merged = new EnumMap<>(SettingKey.class);
        merged.putAll(defaults(dataDirName));
        Optional<Path> file = settingsFile(configFromFlag, fromFlags, fromEnv, merged);
        file.ifPresent(f -> merged.putAll(readFile(f)));
        merged.putAll(fromEnv);
        merged.putAll(fromFlags);
        return new SettingsReader(merged, systemProperties.get("user.home"));
    }

    private Map<SettingKey, RawSetting> environment() {
        Map<SettingKey, RawSetting> fromEnv = new EnumMap<>(SettingKey.class);
        for (SettingKey key : SettingKey.values()) {
            String value = env.get(key.envName());
            if (value != null) {
                fromEnv.put(key, new RawSetting(value, key.envName()));
            }
        }
        return fromEnv;
    }

    private Map<SettingKey, RawSetting> defaults(String dataDirName) {
        Map<SettingKey, RawSetting> defaults = new EnumMap<>(SettingKey.class);
        String userHome = systemProperties.get("user.home");
        if (userHome != null) {
            defaults.put(SettingKey.DATA, new RawSetting(Path.of(userHome, dataDirName).toString(), DEFAULT));
            defaults.put(SettingKey.WORKER_CLASS_ARCHIVES,
                    new RawSetting(Path.of(userHome, ".cache", "mqpool", "class-archives").toString(), DEFAULT));
        }
        String javaHome = systemProperties.get("java.home");
        if (javaHome != null) {
            defaults.put(SettingKey.WORKER_JAVA,
                    new RawSetting(Path.of(javaHome, "bin", "java").toString(), DEFAULT));
        }
        put(defaults, SettingKey.WORKERS, Integer.toString(Runtime.getRuntime().availableProcessors()));
        put(defaults, SettingKey.BROKER_HOST, "127.0.0.1");
        put(defaults, SettingKey.BROKER_PORT, "61616");
        put(defaults, SettingKey.BROKER_JOURNAL_BUFFER_TIMEOUT, "100");
        // Workers hold up to 8 KiB of chunks ahead only while chunks are quick, and hand them
        // back when one runs long, so a slow task never holds others back; holding them saves
        // a round trip per chunk of tiny tasks.
        put(defaults, SettingKey.BROKER_CONSUMER_WINDOW, "8192");
        put(defaults, SettingKey.BROKER_MAX_DELIVERY_ATTEMPTS, "10");
        put(defaults, SettingKey.BROKER_AUTH, "auto");
        put(defaults, SettingKey.WORKER_JVM_OPTIONS, "-XX:+UseSerialGC");
        put(defaults, SettingKey.WORKER_CLASSPATH, systemProperties.getOrDefault("java.class.path", ""));
        put(defaults, SettingKey.WORKER_START_TIMEOUT, "30s");
        put(defaults, SettingKey.WORKER_MAX_RESTART_BACKOFF, "5s");
        put(defaults, SettingKey.JOBS_STUCK_AFTER, "10m");
        put(defaults, SettingKey.WORKER_MAX_START_FAILURES, "3");
        put(defaults, SettingKey.JOBS_RETENTION, "7d");
        put(defaults, SettingKey.HTTP_BIND, "127.0.0.1");
        put(defaults, SettingKey.HTTP_PORT, "8080");
        put(defaults, SettingKey.HTTP_READ_ONLY, "false");
        put(defaults, SettingKey.HTTP_BASE_PATH, "");
        put(defaults, SettingKey.HTTP_AUTH, "auto");
        put(defaults, SettingKey.SERVER, ClientSettings.DEFAULT_SERVER);
        // tasks-dir defaults to <data>/tasks once data is known; see build().
        return defaults;
    }

    private static void put(Map<SettingKey, RawSetting> map, SettingKey key, String value) {
        map.put(key, new RawSetting(value, DEFAULT));
    }

    /** The named file, which must exist, or else {@code <data>/mqpool.properties} if it exists. */
    private Optional<Path> settingsFile(Optional<RawSetting> configFromFlag,
                                        Map<SettingKey, RawSetting> fromFlags,
                                        Map<SettingKey, RawSetting> fromEnv,
                                        Map<SettingKey, RawSetting> defaults) {
        Optional<RawSetting> named = configFromFlag.or(() -> Optional.ofNullable(env.get(CONFIG_ENV))
                .map(v -> new RawSetting(v, CONFIG_ENV)));
        if (named.isPresent()) {
            Path file = Path.of(named.get().value().trim());
            if (!Files.isRegularFile(file)) {
                throw new SettingsException("settings file " + file + " does not exist (from "
                        + named.get().source() + ")");
            }
            return Optional.of(file);
        }
        // The data directory can only come from flags, environment or default here: the file
        // that would set it is the one being looked for.
        Map<SettingKey, RawSetting> beforeFile = new EnumMap<>(defaults);
        beforeFile.putAll(fromEnv);
        beforeFile.putAll(fromFlags);
        SettingsReader reader = new SettingsReader(beforeFile, systemProperties.get("user.home"));
        if (!reader.has(SettingKey.DATA)) {
            return Optional.empty();
        }
        Path candidate = reader.path(SettingKey.DATA).resolve(DEFAULT_FILE_NAME);
        return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    private static Map<SettingKey, RawSetting> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingsException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
        String source = "file " + file;
        Map<SettingKey, RawSetting> fromFile = new EnumMap<>(SettingKey.class);
        for (String name : properties.stringPropertyNames()) {
            fromFile.put(known(name, source, ""), new RawSetting(properties.getProperty(name), source));
        }
        return fromFile;
    }

    private static SettingKey known(String key, String source, String extraKnown) {
        return SettingKey.of(key).orElseThrow(() -> new SettingsException("unknown setting '" + key
                + "' (from " + source + "); known settings: " + extraKnown + SettingKey.knownKeys()));
    }

    private static Settings build(SettingsReader r) {
        if (!r.has(SettingKey.DATA)) {
            throw new SettingsException("setting data has no default because the user.home system "
                    + "property is not set; set it with --data or " + SettingKey.DATA.envName());
        }
        if (!r.has(SettingKey.WORKER_JAVA)) {
            throw new SettingsException("setting worker.java has no default because the java.home "
                    + "system property is not set; set it with --worker.java or "
                    + SettingKey.WORKER_JAVA.envName());
        }
        Path data = r.path(SettingKey.DATA);
        Path tasksDir = r.has(SettingKey.TASKS_DIR) ? r.path(SettingKey.TASKS_DIR) : data.resolve("tasks");
        BrokerSettings broker = new BrokerSettings(
                r.text(SettingKey.BROKER_HOST),
                r.integer(SettingKey.BROKER_PORT, 0, BrokerSettings.MAX_PORT),
                r.integer(SettingKey.BROKER_JOURNAL_BUFFER_TIMEOUT, 1, BrokerSettings.MAX_JOURNAL_BUFFER_TIMEOUT_MICROS),
                r.integer(SettingKey.BROKER_CONSUMER_WINDOW, -1, BrokerSettings.MAX_CONSUMER_WINDOW),
                r.integer(SettingKey.BROKER_MAX_DELIVERY_ATTEMPTS, 1, BrokerSettings.MAX_DELIVERY_ATTEMPTS),
                r.auth(SettingKey.BROKER_AUTH),
                tls(r, SettingKey.BROKER_TLS_KEYSTORE, SettingKey.BROKER_TLS_KEYSTORE_PASSWORD),
                remoteBroker(r));
        WorkerSettings worker = new WorkerSettings(
                r.integer(SettingKey.WORKERS, 1, WorkerSettings.MAX_COUNT),
                r.command(SettingKey.WORKER_JAVA),
                r.words(SettingKey.WORKER_JVM_OPTIONS),
                r.textOrEmpty(SettingKey.WORKER_CLASSPATH),
                r.duration(SettingKey.WORKER_START_TIMEOUT, Duration.ofMillis(1)),
                r.duration(SettingKey.WORKER_MAX_RESTART_BACKOFF, Duration.ZERO),
                r.integer(SettingKey.WORKER_MAX_START_FAILURES, 1, WorkerSettings.MAX_START_FAILURES),
                given(r, SettingKey.WORKER_CLASS_ARCHIVES)
                        ? Optional.of(r.path(SettingKey.WORKER_CLASS_ARCHIVES)) : Optional.empty());
        HttpSettings http = new HttpSettings(
                r.text(SettingKey.HTTP_BIND),
                r.integer(SettingKey.HTTP_PORT, 0, HttpSettings.MAX_PORT),
                r.bool(SettingKey.HTTP_READ_ONLY),
                r.basePath(SettingKey.HTTP_BASE_PATH),
                r.auth(SettingKey.HTTP_AUTH),
                tls(r, SettingKey.HTTP_TLS_KEYSTORE, SettingKey.HTTP_TLS_KEYSTORE_PASSWORD));
        StoreSettings store = new StoreSettings(
                given(r, SettingKey.STORE_URL) ? Optional.of(r.jdbcUrl(SettingKey.STORE_URL)) : Optional.empty(),
                given(r, SettingKey.STORE_USER) ? Optional.of(r.text(SettingKey.STORE_USER)) : Optional.empty(),
                given(r, SettingKey.STORE_PASSWORD_FILE) ? Optional.of(r.path(SettingKey.STORE_PASSWORD_FILE))
                        : Optional.empty());
        JobsSettings jobs = new JobsSettings(r.duration(SettingKey.JOBS_RETENTION, Duration.ZERO,
                "12h or 7d (0 keeps finished jobs forever)"), r.duration(SettingKey.JOBS_STUCK_AFTER, Duration.ofMillis(1)));
        return new Settings(data, tasksDir, broker, worker, http, store, jobs);
    }

    /** Whether a setting without a default was given a value; blank counts as not given. */
    private static boolean given(SettingsReader r, SettingKey key) {
        return r.has(key) && !r.textOrEmpty(key).isEmpty();
    }

    /** The broker of {@code broker.url}, a bare {@code HOST:PORT} taken as {@code tcp://HOST:PORT}. */
    private static Optional<RemoteBroker> remoteBroker(SettingsReader r) {
        if (!r.has(SettingKey.BROKER_URL)) {
            if (r.has(SettingKey.BROKER_CREDENTIALS_FILE)) {
                throw new SettingsException("setting " + SettingKey.BROKER_CREDENTIALS_FILE.key() + " needs "
                        + SettingKey.BROKER_URL.key() + ", the broker it is for");
            }
            return Optional.empty();
        }
        String url = r.text(SettingKey.BROKER_URL);
        return Optional.of(new RemoteBroker(url.contains("://") ? url : "tcp://" + url,
                r.has(SettingKey.BROKER_CREDENTIALS_FILE) ? Optional.of(r.path(SettingKey.BROKER_CREDENTIALS_FILE))
                        : Optional.empty()));
    }

    private static Optional<TlsSettings> tls(SettingsReader r, SettingKey keystore, SettingKey password) {
        return TlsSettings.of(r.has(keystore) ? Optional.of(r.path(keystore)) : Optional.empty(),
                r.has(password) ? Optional.of(r.textOrEmpty(password)) : Optional.empty(),
                keystore.key(), password.key());
    }
}
