package io.mqpool.worker;

import io.mqpool.broker.BrokerCredentials;
import io.mqpool.broker.BrokerUrls;
import io.mqpool.config.SecretFiles;
import io.mqpool.jobs.TaskJson;
import io.mqpool.jobs.TaskRegistry;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.io.PrintStream;
import java.util.List;
import org.apache.activemq.artemis.core.remoting.impl.netty.SharedEventLoopGroup;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The worker process and its composition root: loads the tasks, connects to the broker, prints
 * {@code mqpool-worker ready <id> <pid>} on stdout, then runs chunks until told to drain.
 * Started by a supervisor ({@code --supervised}) it ignores SIGINT; started by hand, Ctrl-C
 * stops it.
 *
 * <p>Exit codes: 0 after a drain (or when stdin closes), 1 when the tasks cannot be loaded,
 * 2 for a bad command line, 3 when the broker cannot be reached or the connection is lost.
 */
public final class WorkerMain {

    static final int EXIT_OK = 0;
    static final int EXIT_TASKS = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_BROKER = 3;
    static final int EXIT_INITIALIZER = 4;

    private WorkerMain() {
    }

    /** Runs the worker; never returns normally, the JVM exits with one of the codes above. */
    public static void main(String[] args) {
        quietenArtemisLogging();
        WorkerArguments arguments;
        try {
            arguments = WorkerArguments.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("mqpool-worker: " + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        if (arguments.supervised()) {
            // A Ctrl-C in the server's terminal reaches the whole process group: the supervisor
            // decides when its workers stop (drain, or kill), so they ignore it.
            Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        }
        WorkerLog log = new WorkerLog(System.err, arguments.workerId());
        StopSignal stop = new StopSignal();
        SkippedJobs skipped = new SkippedJobs();
        StandbyGate gate = arguments.standby() ? StandbyGate.closed() : StandbyGate.open();
        // Watch stdin before anything slow, so a supervisor that dies during start-up takes
        // this process with it. halt skips shutdown hooks: nothing here needs them, and an
        // uncommitted chunk goes back to the queue by itself.
        StdinWatcher stdin = new StdinWatcher(StdinWatcher.stdin(System.in), stop, skipped,
                () -> Runtime.getRuntime().halt(EXIT_OK), log, gate);
        stdin.start();
        int code = run(arguments, new Controls(stop, skipped, gate), log, System.out);
        exitQuickly(code, stdin);
    }

    /**
     * Exits without the ~330 ms a JVM waits for threads blocked in native code (the stdin
     * reader, the Artemis client's netty event loops): those are stopped first. Nothing needs
     * shutdown hooks, so the JVM halts once the output is flushed.
     */
    private static void exitQuickly(int code, StdinWatcher stdin) {
        try {
            stdin.stop();
            SharedEventLoopGroup.forceShutdown();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().contains("activemq-client-remoting")) {
                    thread.join(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    /** What the supervisor drives through stdin. */
    private record Controls(StopSignal stop, SkippedJobs skipped, StandbyGate gate) {
    }

    private static int run(WorkerArguments arguments, Controls controls, WorkerLog log, PrintStream out) {
        TaskRegistry registry;
        try {
            registry = TaskRegistry.load(arguments.tasksDir(), WorkerMain.class.getClassLoader());
        } catch (RuntimeException e) {
            log.line("cannot load the tasks: " + e.getMessage());
            return EXIT_TASKS;
        }
        BrokerCredentials credentials;
        try {
            credentials = arguments.credentialsFile() == null ? null : BrokerCredentials.read(arguments.credentialsFile());
        } catch (SecretFiles.SecretFileException e) {
            System.err.println("mqpool: " + e.getMessage());
            return EXIT_USAGE;
        }
        TaskJson json = new TaskJson();
        StateClient state = new StateClient(arguments.brokerUrl(), credentials, arguments.workerId());
        if (arguments.initializer() != null) {
            try {
                new Initializer(registry, json, arguments.workerId(), state)
                        .run(arguments.initializer(), arguments.initializerArgJson());
            } catch (Exception e) {
                log.line("initializer " + arguments.initializer() + " failed: " + e.getClass().getName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                return EXIT_INITIALIZER;
            }
        }
        StatusReporter status = new StatusReporter(out, arguments.currentTaskFile() == null ? null
                : CurrentTaskFile.open(arguments.currentTaskFile()));
        // A supervisor may start workers while its broker is still starting: they wait for it.
        try (state; WorkerSessions sessions = WorkerSessions.open(arguments.brokerUrl(), credentials,
                arguments.consumerWindowSize(), arguments.brokerWait())) {
            ChunkRunner runner = new ChunkRunner(registry, json, arguments.workerId(), status, state);
            ChunkLoop loop = new ChunkLoop(sessions, runner, controls.stop(), controls.skipped(), log, status,
                    arguments.maxTasks());
            if (arguments.standby()) {
                // Ready to take over: loaded and connected, holding no chunk until told to go.
                status.ready(arguments.workerId());
                controls.gate().await();
                loop.run(() -> { });
            } else {
                loop.run(() -> status.ready(arguments.workerId()));
            }
            return EXIT_OK;
        } catch (InterruptedException e) {
            // Nobody interrupts the main thread but to stop it: a standby that never went on.
            Thread.currentThread().interrupt();
            return EXIT_OK;
        } catch (JMSSecurityException e) {
            System.err.println("mqpool: the broker at " + BrokerUrls.hostAndPort(arguments.brokerUrl())
                    + " refused the worker's credentials");
            return EXIT_USAGE;
        } catch (JMSException e) {
            log.line("cannot use the broker at " + arguments.brokerUrl() + ": " + e.getMessage());
            return EXIT_BROKER;
        } catch (BrokerConnectionLostException e) {
            log.line(e.getMessage());
            return EXIT_BROKER;
        }
    }

    /**
     * The worker shares the engine's class path, slf4j-simple included, whose default level
     * INFO makes the Artemis client chatty. A main may set this; a -D option still wins.
     */
    private static void quietenArtemisLogging() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }
}
