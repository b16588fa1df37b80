package io.mqpool.app.cli;

import io.mqpool.config.SettingsException;
import io.mqpool.config.SettingsLoader;
import io.mqpool.supervisor.RemoteSupervision;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mqpool worker --broker URL --workers N}: worker processes on another host for a
 * server's broker, under a supervisor of their own ({@link RemoteSupervision}) that restarts
 * them and tells the server which task a dead one was running. It needs no server here.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Runs worker processes on this host for a server's broker on another host, under a",
            "supervisor that restarts them and reports them (and each death) to the server.",
            "Type 'drain' and Enter to let them finish their chunks and exit, or run 'mqpool workers drain",
            "HOST_ID' against the server; Ctrl-C stops at once (the chunks they held go back to the queue)."},
        footer = {"", "Example:", "  mqpool worker --broker tcp://10.0.0.5:61616 --workers 4 "
            + "--credentials-file worker-credentials.properties --tasks-dir ./tasks"})
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--broker", required = true, paramLabel = "URL",
            description = "The broker, such as tcp://10.0.0.5:61616 (a bare host:port means tcp://).")
    String broker;

    @Option(names = "--workers", paramLabel = "N", description = "Worker processes (default: one per core).")
    Integer workers;

    @Option(names = "--tasks-dir", paramLabel = "DIR", description = "Jars of your own tasks.")
    Path tasksDir;

    @Option(names = "--id", paramLabel = "ID",
            description = "This host's id among the server's hosts (default: <host>-<pid>); its workers are ID-w1, ...")
    String id;

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "The broker's user and password for workers: a copy of the server's "
                    + "<data>/worker-credentials.properties, readable by its owner only.")
    Path credentialsFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int count = workerCount();
        try {
            RemoteSupervision.checkBrokerUrl(brokerUrl(broker), broker);
            if (count < 1 || count > 1024) {
                throw new IllegalArgumentException("--workers must be a whole number from 1 to 1024, not " + count);
            }
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("mqpool: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCodes.USAGE;
        }
        Optional<Path> classArchives;
        try {
            classArchives = SettingsLoader.fromSystem().load(Map.of()).worker().classArchives();
        } catch (SettingsException e) {
            spec.commandLine().getErr().println("mqpool: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCodes.USAGE;
        }
        return RemoteSupervision.run(options(classArchives), System.in, System.out, System.err);
    }

    /**
     * What to supervise: these flags, this JVM's java and class path for the workers, and where
     * they keep their class archive ({@code worker.class-archives}).
     */
    RemoteSupervision.Options options(Optional<Path> classArchives) {
        String host = hostName();
        return new RemoteSupervision.Options(brokerUrl(broker), workerCount(),
                credentialsFile == null ? null : credentialsFile.toAbsolutePath(),
                tasksDir == null ? null : tasksDir.toAbsolutePath(),
                id != null ? id : host + "-" + ProcessHandle.current().pid(), host,
                Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
                List.of("-XX:+UseSerialGC"), classArchives);
    }

    private int workerCount() {
        return workers != null ? workers : Runtime.getRuntime().availableProcessors();
    }

    static String brokerUrl(String given) {
        return given.contains("://") ? given : "tcp://" + given;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker"; // an id only needs to be unique, and the pid still makes it so locally
        }
    }
}
