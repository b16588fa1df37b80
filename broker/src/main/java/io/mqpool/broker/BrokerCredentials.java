package io.mqpool.broker;

import io.mqpool.config.SecretFiles;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * A user name and password for the broker. The workers' pair lives in a properties file
 * ({@code user=worker}, {@code password=...}) readable by its owner only: the server (or
 * {@code mqpool broker}) writes it to its data directory on first start, and a worker on another
 * host is given a copy with {@code --credentials-file}. {@code mqpool broker} writes the
 * engine's pair beside it ({@code user=engine}), for {@code mqpool server --broker-credentials}.
 */
public record BrokerCredentials(String user, String password) {

    /** The file in a server's data directory. */
    public static final String FILE_NAME = "worker-credentials.properties";
    /** The workers' user. */
    public static final String WORKER_USER = "worker";
    /** The file of the engine's credentials in the data directory of {@code mqpool broker}. */
    public static final String ENGINE_FILE_NAME = "engine-credentials.properties";
    /** The engine's user of a standalone broker; it has every right. */
    public static final String ENGINE_USER = "engine";

    public BrokerCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /**
     * The workers' credentials in {@code dataDir}, created with a random password on first use.
     *
     * @throws SecretFiles.SecretFileException when the file cannot be created or read, or others may read it
     */
    public static BrokerCredentials ofDataDir(Path dataDir) {
        return readOrCreate(dataDir.resolve(FILE_NAME), WORKER_USER,
                "# The broker's credentials for mqpool workers: copy this file to a worker's host\n"
                + "# and start it with mqpool worker --credentials-file FILE. Keep it readable by its owner only.\n",
                "the workers' broker credentials");
    }

    /**
     * The engine's credentials in the data directory of a standalone broker, created with a
     * random password on first use; a file that exists is read, not replaced.
     *
     * @throws SecretFiles.SecretFileException when the file cannot be created or read, or others may read it
     */
    public static BrokerCredentials engineOfDataDir(Path dataDir) {
        return readOrCreate(dataDir.resolve(ENGINE_FILE_NAME), ENGINE_USER,
                "# The broker's credentials for the mqpool server (every right): start it with\n"
                + "# mqpool server --broker URL --broker-credentials FILE. Keep it readable by its owner only.\n",
                "the engine's broker credentials");
    }

    private static BrokerCredentials readOrCreate(Path file, String user, String comment, String what) {
        String fresh = comment + "user=" + user + "\npassword=" + SecretFiles.randomSecret() + "\n";
        return parse(SecretFiles.readOrCreate(file, fresh, what), file);
    }

    /**
     * The credentials in {@code file}.
     *
     * @throws SecretFiles.SecretFileException when the file is missing, unreadable, readable by
     *     others, or lacks a user or password
     */
    public static BrokerCredentials read(Path file) {
        return parse(SecretFiles.read(file, "credentials"), file);
    }

    private static BrokerCredentials parse(String text, Path file) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new SecretFiles.SecretFileException("credentials file " + file + " is not a properties file: "
                    + e.getMessage());
        }
        String user = properties.getProperty("user", "").strip();
        String password = properties.getProperty("password", "").strip();
        if (user.isEmpty() || password.isEmpty()) {
            throw new SecretFiles.SecretFileException("credentials file " + file
                    + " must set user=... and password=..., one per line");
        }
        return new BrokerCredentials(user, password);
    }

    /** Hides the password in logs and errors. */
    @Override
    public String toString() {
        return "BrokerCredentials[user=" + user + "]";
    }
}
