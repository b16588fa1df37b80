package io.mqpool.app.cli;

import io.mqpool.config.Settings;
import io.mqpool.config.SettingsException;
import io.mqpool.config.SettingsLoader;
import io.mqpool.server.Server;
import io.mqpool.server.ServerStartException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mqpool server}: broker, engine, worker processes and the HTTP API in one process, until
 * SIGTERM or Ctrl-C. Logs go to {@code <data>/mqpool.log}; standard output gets one status line.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Runs the mqpool server: embedded broker, job store, worker processes and the HTTP API.",
        footer = {"", "Example:", "  mqpool server --workers 4 --port 8080 --data ~/.mqpool",
                "  (then, in another terminal: mqpool submit compute_square --range 1..16 --wait)"})
final class ServerCommand implements Callable<Integer> {

    static final String LOG_FILE = "mqpool.log";

    @Spec
    private CommandSpec spec;

    @Option(names = "--workers", paramLabel = "N", description = "Worker processes (default: one per core).")
    private String workers;

    @Option(names = "--port", paramLabel = "P", description = "HTTP port (default 8080; 0 picks a free one).")
    private String port;

    @Option(names = "--bind", paramLabel = "ADDR", description = "HTTP address to bind (default 127.0.0.1).")
    private String bind;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default ~/.mqpool).")
    private String data;

    @Option(names = "--broker-port", paramLabel = "P",
            description = "Port of the embedded broker for workers (default 61616; 0 picks a free one).")
    private String brokerPort;

    @Option(names = "--broker", paramLabel = "URL",
            description = "Use this broker (mqpool broker, or Artemis with mqpool's queues), such as "
                    + "tcp://10.0.0.5:61616, instead of embedding one; this server's workers use it too.")
    private String brokerUrl;

    @Option(names = "--broker-credentials", paramLabel = "FILE",
            description = "The engine's user and password for --broker (its engine-credentials.properties), "
                    + "readable by its owner only; this server's workers give them too.")
    private String brokerCredentials;

    @Option(names = "--read-only", description = "Serve the API and pages for reading only: every change is refused "
            + "with 403.")
    private boolean readOnly;

    @Option(names = "--base-path", paramLabel = "PATH",
            description = "Serve every route under this path, such as /mqpool (default: the root).")
    private String basePath;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file of settings.")
    private String config;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings;
        try {
            settings = SettingsLoader.fromSystem().load(flags());
        } catch (SettingsException e) {
            err.println("mqpool: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        Server server;
        try {
            server = Server.start(settings, Version.current(), () -> logTo(settings.dataDir(), err), line -> {
                out.println("mqpool: " + line);
                out.flush();
            });
        } catch (ServerStartException e) {
            err.println("mqpool: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        // Only this main installs a hook: SIGTERM and Ctrl-C close the server gracefully. The JVM
        // would exit with 143 after a signal; halting with 0 once closed reports a clean stop.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            out.flush();
            Runtime.getRuntime().halt(ExitCodes.DONE);
        }, "mqpool-shutdown"));
        out.println("mqpool " + Version.current() + " listening on " + server.url() + ", " + server.workers()
                + " workers, data in " + server.dataDir());
        out.flush();
        server.awaitClosed();
        return ExitCodes.DONE;
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        flags.put("workers", workers);
        flags.put("http.port", port);
        flags.put("http.bind", bind);
        // Absent, the flag leaves the setting to the file and environment.
        flags.put("http.read-only", readOnly ? "true" : null);
        flags.put("http.base-path", basePath);
        flags.put("data", data);
        flags.put("broker.port", brokerPort);
        flags.put("broker.url", brokerUrl);
        flags.put("broker.credentials-file", brokerCredentials);
        flags.put(SettingsLoader.CONFIG_FLAG, config);
        return flags;
    }

    /**
     * Points slf4j-simple at {@code <data>/mqpool.log}. Must run before any logger exists: the
     * simple logger reads its settings once. It truncates its file, so the previous run's log is
     * kept as {@code mqpool.log.1}.
     */
    static void logTo(Path dataDir, PrintWriter err) {
        Path log = dataDir.resolve(LOG_FILE).toAbsolutePath();
        try {
            if (Files.exists(log)) {
                Files.move(log, dataDir.resolve(LOG_FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // Not fatal: the new log overwrites the old one.
            err.println("mqpool: cannot keep the previous log " + log + ": " + e.getMessage());
            err.flush();
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", log.toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    }
}
