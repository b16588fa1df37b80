package io.mqpool.app.cli;

import io.mqpool.supervisor.RemoteSupervision;
import io.mqpool.worker.WorkerMain;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mqpool worker --broker URL}: one worker process in the foreground, taking chunks from a
 * server's broker on another host. It needs no server here, only the broker; it is
 * {@link WorkerMain} under a generated id ({@code <host>-<pid>}), waiting for the broker as long
 * as it takes to come up.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Runs one worker process in the foreground for a broker on another host",
            "(start that server with MQPOOL_BROKER_HOST=0.0.0.0 so its broker is reachable).",
            "Type 'drain' and Enter to finish the current chunk and exit; Ctrl-C stops at once",
            "(the chunk it held goes back to the queue)."},
        footer = {"", "Example:", "  mqpool worker --broker tcp://10.0.0.5:61616 --credentials-file worker.properties "
            + "--tasks-dir ./tasks"})
final class WorkerCommand implements Callable<Integer> {

    /** A worker started before its server waits this long for the broker. */
    static final Duration BROKER_WAIT = Duration.ofHours(1);

    @Option(names = "--broker", required = true, paramLabel = "URL",
            description = "The broker, such as tcp://10.0.0.5:61616 (a bare host:port means tcp://).")
    String broker;

    @Option(names = "--tasks-dir", paramLabel = "DIR", description = "Jars of your own tasks.")
    Path tasksDir;

    @Option(names = "--id", paramLabel = "ID", description = "The worker's id (default: <host>-<pid>).")
    String id;

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "The broker's user and password for workers: a copy of the server's "
                    + "<data>/worker-credentials.properties, readable by its owner only.")
    Path credentialsFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            RemoteSupervision.checkBrokerUrl(brokerUrl(broker), broker);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("mqpool: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCodes.USAGE;
        }
        // The worker reads "drain" from stdin and treats its end as "the supervisor is gone".
        // Run by hand there is no supervisor: stdin may be closed (nohup, < /dev/null) and must
        // not stop it, so the end of input is never passed on. This process is only a worker
        // from here on, so replacing its stdin affects nothing else.
        System.setIn(new EndlessInput(System.in));
        WorkerMain.main(arguments().toArray(String[]::new));
        return ExitCodes.DONE; // not reached: WorkerMain exits the JVM with its own code
    }

    List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--broker", brokerUrl(broker),
                "--id", id != null ? id : defaultId(), "--broker-wait", Long.toString(BROKER_WAIT.toMillis())));
        if (tasksDir != null) {
            args.addAll(List.of("--tasks-dir", tasksDir.toAbsolutePath().toString()));
        }
        if (credentialsFile != null) {
            args.addAll(List.of("--credentials-file", credentialsFile.toAbsolutePath().toString()));
        }
        return args;
    }

    static String brokerUrl(String given) {
        return given.contains("://") ? given : "tcp://" + given;
    }

    static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "worker"; // an id only needs to be unique, and the pid still makes it so locally
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
