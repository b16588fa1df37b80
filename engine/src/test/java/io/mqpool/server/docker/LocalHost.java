package io.mqpool.server.docker;

import io.mqpool.process.ChildProcess;
import io.mqpool.process.ChildSpec;
import io.mqpool.process.OutputReading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs containers of mqpool's image on this host, without Docker: each is the image's
 * entrypoint ({@code docker/entrypoint.sh}) with the image's environment, then a service's
 * environment and command, its secrets in a directory of its own (as Compose mounts them at
 * {@code /run/secrets}) and a data directory of its own (the image's volume). Paths of the image
 * and names of other containers are replaced with this host's (see {@link #replace}); every
 * {@code --port} becomes 0, and servers bind to loopback only.
 */
final class LocalHost {

    private final Path root;
    private final Path repository;
    private final Path jar;
    private final Path secrets;
    private final Dockerfile image;
    private final Map<String, String> replacements = new LinkedHashMap<>();

    /**
     * @param root where each container's directories go
     * @param repository the checkout, whose docker/ holds the entrypoint
     * @param jar the runnable jar, for the image's /opt/mqpool/mqpool.jar
     * @param secrets the files a compose secret names, by secret name
     */
    LocalHost(Path root, Path repository, Path jar, Path secrets, Dockerfile image) {
        this.root = root;
        this.repository = repository;
        this.jar = jar;
        this.secrets = secrets;
        this.image = image;
        replace("/opt/mqpool/entrypoint.sh", repository.resolve("docker/entrypoint.sh").toString());
        replace("/opt/mqpool/tasks", root.resolve("tasks").toString());
        replace("0.0.0.0", "127.0.0.1");
    }

    /** From now on, {@code from} in a command or environment value reads {@code to}. */
    void replace(String from, String to) {
        replacements.put(from, to);
    }

    /** The image's default command ({@code CMD}) with its environment and {@code environment}, no secrets. */
    LocalContainer runImageDefault(String name, Map<String, String> environment) {
        return run(name, image.execForm("CMD"), environment, List.of());
    }

    /** A service of the compose file, as {@code docker compose up} would start it. */
    LocalContainer run(ComposeFile.Service service) {
        return run(service.name(), service.command(), service.environment(), service.secrets());
    }

    private LocalContainer run(String name, List<String> arguments, Map<String, String> serviceEnv,
                               List<String> secretNames) {
        Path dataDir = root.resolve(name);
        Path secretsDir = root.resolve(name + "-secrets");
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(secretsDir);
            for (String secret : secretNames) {
                Files.copy(secrets.resolve(secret), secretsDir.resolve(secret), StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String volume = image.environment().get("MQPOOL_DATA");
        Map<String, String> env = new LinkedHashMap<>(image.environment());
        env.putAll(serviceEnv);
        env.put("MQPOOL_SECRETS_DIR", secretsDir.toString());
        env.put("MQPOOL_JAR", jar.toString());

        List<String> command = new ArrayList<>(List.of("env"));
        env.forEach((key, value) -> command.add(key + "=" + replaced(value, volume, dataDir)));
        image.execForm("ENTRYPOINT").forEach(part -> command.add(replaced(part, volume, dataDir)));
        for (int i = 0; i < arguments.size(); i++) {
            boolean port = i > 0 && arguments.get(i - 1).equals("--port");
            command.add(port ? "0" : replaced(arguments.get(i), volume, dataDir));
        }
        try {
            return new LocalContainer(name, dataDir, ChildProcess.start(ChildSpec.of(name, command,
                    new OutputReading(name + "-stdout", 200, line -> { }),
                    new OutputReading(name + "-stderr", 200, line -> { }))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
    }

    private String replaced(String value, String volume, Path dataDir) {
        String result = value.replace(volume, dataDir.toString());
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            result = result.replace(r.getKey(), r.getValue());
        }
        return result;
    }

    Path repository() {
        return repository;
    }
}
