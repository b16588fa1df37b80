package io.mqpool.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every setting a user may give, by the name used in files and flags. */
enum SettingKey {
    DATA("data"),
    TASKS_DIR("tasks-dir"),
    WORKERS("workers"),
    BROKER_HOST("broker.host"),
    BROKER_PORT("broker.port"),
    BROKER_JOURNAL_BUFFER_TIMEOUT("broker.journal-buffer-timeout-us"),
    BROKER_CONSUMER_WINDOW("broker.consumer-window"),
    BROKER_MAX_DELIVERY_ATTEMPTS("broker.max-delivery-attempts"),
    BROKER_AUTH("broker.auth"),
    BROKER_TLS_KEYSTORE("broker.tls.keystore"),
    BROKER_TLS_KEYSTORE_PASSWORD("broker.tls.keystore-password"),
    BROKER_URL("broker.url"),
    BROKER_CREDENTIALS_FILE("broker.credentials-file"),
    WORKER_JAVA("worker.java"),
    WORKER_JVM_OPTIONS("worker.jvm-options"),
    WORKER_CLASSPATH("worker.classpath"),
    WORKER_CLASS_ARCHIVES("worker.class-archives"),
    WORKER_START_TIMEOUT("worker.start-timeout"),
    WORKER_MAX_RESTART_BACKOFF("worker.max-restart-backoff"),
    WORKER_MAX_START_FAILURES("worker.max-start-failures"),
    JOBS_RETENTION("jobs.retention"),
    JOBS_STUCK_AFTER("jobs.stuck-after"),
    STORE_URL("store.url"),
    STORE_USER("store.user"),
    STORE_PASSWORD_FILE("store.password-file"),
    HTTP_BIND("http.bind"),
    HTTP_PORT("http.port"),
    HTTP_READ_ONLY("http.read-only"),
    HTTP_BASE_PATH("http.base-path"),
    HTTP_AUTH("http.auth"),
    HTTP_TLS_KEYSTORE("http.tls.keystore"),
    HTTP_TLS_KEYSTORE_PASSWORD("http.tls.keystore-password"),
    SERVER("server"),
    TOKEN("token"),
    TOKEN_FILE("token-file");

    static final String ENV_PREFIX = "MQPOOL_";

    private final String key;

    SettingKey(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    /** The environment variable that sets this key, such as {@code MQPOOL_BROKER_PORT}. */
    String envName() {
        return envName(key);
    }

    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static Optional<SettingKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    static String knownKeys() {
        return Arrays.stream(values()).map(SettingKey::key).collect(Collectors.joining(", "));
    }
}
